import type { Context, MiddlewareHandler } from 'hono';
import ipaddr from 'ipaddr.js';
import type { AppEnv } from '../../app.types.ts';

export interface ClientIpOptions {
  /**
   * How many reverse proxies in front of ipwatch append to X-Forwarded-For. 0 trusts no header: anyone
   * can send one, so believing it without a proxy would let an attacker pick the address a limit counts.
   */
  trustedProxies: number;
}

function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/** Normalises `::ffff:1.2.3.4` to `1.2.3.4`; undefined for anything that is not an address. */
function normalise(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value || !ipaddr.isValid(value)) return undefined;
  const parsed = ipaddr.parse(value);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address().toString()
    : parsed.toString();
}

/**
 * The client's address: the socket peer, or — behind `trustedProxies` proxies — the entry that many
 * hops from the right of X-Forwarded-For (each proxy appends the address it saw; entries further left
 * were written by the client and prove nothing).
 */
export function resolveClientIp(socket: string | undefined, forwardedFor: string | undefined, trustedProxies: number): string {
  const peer = normalise(socket) ?? 'unknown';
  if (trustedProxies <= 0 || !forwardedFor) return peer;
  const hops = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
  const candidate = hops[hops.length - trustedProxies];
  return normalise(candidate) ?? peer;
}

export function clientIp(options: ClientIpOptions): MiddlewareHandler<AppEnv> {
  return async function clientIp(c, next) {
    c.set('clientIp', resolveClientIp(socketAddress(c), c.req.header('x-forwarded-for'), options.trustedProxies));
    await next();
  };
}

/** For code that runs with or without the middleware (tiny test apps): falls back to the socket peer. */
export function clientIpOf(c: Context<AppEnv>): string {
  return c.var.clientIp ?? normalise(socketAddress(c)) ?? 'unknown';
}

/** Loopback peers (the host's own scraper, health checks) as opposed to anything from the network. */
export function isLoopback(ip: string): boolean {
  return ipaddr.isValid(ip) && ipaddr.parse(ip).range() === 'loopback';
}
