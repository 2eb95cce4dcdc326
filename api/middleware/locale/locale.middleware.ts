import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../app.types.ts';
import { defaultLocale, isLocale, messagesFor } from '../../i18n/i18n.ts';

export const LOCALE_COOKIE = 'ipwatch_lang';

/**
 * Vietnamese unless the visitor chose otherwise: `?lang=en` switches and is remembered in a cookie.
 * Accept-Language is deliberately ignored: officers share machines with English-language browsers.
 */
export function locale(options: { secure: boolean }): MiddlewareHandler<AppEnv> {
  return async function locale(c, next) {
    const asked = c.req.query('lang');
    let chosen = isLocale(asked) ? asked : undefined;
    if (chosen) {
      setCookie(c, LOCALE_COOKIE, chosen, { path: '/', sameSite: 'Lax', secure: options.secure, httpOnly: true, maxAge: 365 * 24 * 3600 });
    } else {
      const saved = getCookie(c, LOCALE_COOKIE);
      chosen = isLocale(saved) ? saved : defaultLocale;
    }
    c.set('locale', chosen);
    c.set('t', messagesFor(chosen));
    await next();
  };
}
