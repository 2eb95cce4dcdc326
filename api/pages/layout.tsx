import type { Child } from 'hono/jsx';
import type { Locale, Messages } from '../i18n/i18n.ts';
import type { SessionUser } from '../app.types.ts';
import { CSRF_FIELD } from '../middleware/csrf-token/csrf-token.middleware.ts';
import { languageHref } from './format.ts';
import { css } from './layout.css.ts';

export interface PageContext {
  t: Messages;
  locale: Locale;
  user: SessionUser | undefined;
  csrfToken: string | undefined;
  url: string;
}

export function CsrfField({ token }: { token: string | undefined }) {
  return token ? <input type="hidden" name={CSRF_FIELD} value={token} /> : null;
}

export function Layout({ page, title, children }: { page: PageContext; title: string; children?: Child }) {
  const { t, locale, user } = page;
  const other: Locale = locale === 'vi' ? 'en' : 'vi';
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t.appName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <header class="top">
          <div class="bar">
            <a class="brand" href="/findings">{t.appName}</a>
            <span class="tagline">{t.appTagline}</span>
            <nav>
              {user ? <a href="/findings">{t.nav.findings}</a> : null}
              {user ? <a href="/cases">{t.cases.nav}</a> : null}
              {user && user.role !== 'rights_holder' ? <a href="/monitoring/sources">{t.monitoring.nav}</a> : null}
              {user && user.role !== 'rights_holder' ? <a href="/reports">{t.reports.nav}</a> : null}
              {user ? <a href="/registry">{t.registry.nav.works}</a> : null}
              {user ? <a href="/registry/marks">{t.registry.nav.marks}</a> : null}
              {user?.role === 'officer' ? <a href="/registry/import">{t.registry.nav.import}</a> : null}
              {user?.role === 'officer' ? <a href="/accounts">{t.registry.nav.accounts}</a> : null}
              <a href={languageHref(page.url, other)} hreflang={other} lang={other}>{t.nav.language}</a>
              {user ? (
                <>
                  <span class="who">{`${user.name} · ${t.roles[user.role]}`}</span>
                  <form method="post" action="/logout">
                    <CsrfField token={page.csrfToken} />
                    <button class="linklike" type="submit">{t.nav.logout}</button>
                  </form>
                </>
              ) : null}
            </nav>
          </div>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
