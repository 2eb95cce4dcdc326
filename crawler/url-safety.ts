import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ValidationError } from '../core/errors/errors.ts';

export interface UrlSafetyOptions {
  /** Loopback and private addresses are allowed only when an officer said so for this source. */
  allowInternal: boolean;
  /** Injected in tests; node's resolver otherwise. */
  resolve?: (host: string) => Promise<string[]>;
  /**
   * Exact origins (scheme, host and port) trusted although they are internal: lets a test serve a
   * "public" site on 127.0.0.1 while every other loopback port stays refused. Never from user input.
   */
  allowedOrigins?: readonly string[] | undefined;
}

const defaultResolve = async (host: string) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** True for an address on the public internet; ipaddr's "unicast" range is the only public one. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    // ::ffff:127.0.0.1 and friends would otherwise bypass the IPv4 checks.
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address();
  }
  return ip.range() === 'unicast';
}

/** Parses and checks scheme and form only (no network): for links found on pages. */
export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ValidationError(`not a valid URL: ${JSON.stringify(raw.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError(`only http and https URLs can be crawled, not ${url.protocol}//`, { url: raw });
  }
  if (url.username || url.password) throw new ValidationError('URLs with credentials are not crawled', { url: url.origin });
  return url;
}

/**
 * Refuses URLs that would make the crawler reach into the machine or the department's network
 * (SSRF): every address the host resolves to must be public unless internal addresses are allowed.
 */
export async function assertSafeUrl(raw: string, options: UrlSafetyOptions): Promise<URL> {
  const url = parseHttpUrl(raw);
  if (options.allowInternal) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host) ? [host] : await resolveHost(host, options.resolve ?? defaultResolve);
  const blocked = addresses.find((address) => !isPublicAddress(address));
  if (blocked) {
    const range = ipaddr.isValid(blocked) ? ipaddr.process(blocked).range() : 'invalid';
    throw new ValidationError(`refusing ${url.host}: it resolves to ${blocked} (${range}), not a public address; allow internal addresses for this source to crawl it`, { url: url.toString(), address: blocked, range });
  }
  return url;
}

async function resolveHost(host: string, resolve: (host: string) => Promise<string[]>): Promise<string[]> {
  if (/^localhost$|\.localhost$/i.test(host)) return ['127.0.0.1'];
  try {
    const addresses = await resolve(host);
    if (!addresses.length) throw new Error('no address');
    return addresses;
  } catch (error) {
    throw new ValidationError(`cannot resolve host ${host}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { host }, { cause: error });
  }
}

/** Caches verdicts per host for one run, so a page with 50 images costs one DNS lookup. */
export class UrlGuard {
  private readonly verdicts = new Map<string, Promise<void>>();
  /** For node http(s) requests: connects only to addresses checked at connect time (see guardedLookup). */
  readonly lookup: LookupFunction;
  constructor(private readonly options: UrlSafetyOptions) {
    this.lookup = guardedLookup(options);
  }

  get allowInternal(): boolean {
    return this.options.allowInternal;
  }

  async check(raw: string): Promise<URL> {
    const url = parseHttpUrl(raw);
    if (this.options.allowInternal || this.options.allowedOrigins?.includes(url.origin)) return url;
    let verdict = this.verdicts.get(url.host);
    if (!verdict) {
      verdict = assertSafeUrl(url.toString(), this.options).then(() => undefined);
      this.verdicts.set(url.host, verdict);
    }
    await verdict;
    return url;
  }
}

function blockedAddressError(host: string, address: string): ValidationError {
  const range = ipaddr.isValid(address) ? ipaddr.process(address).range() : 'invalid';
  return new ValidationError(`refusing ${host}: it resolves to ${address} (${range}), not a public address; allow internal addresses for this source to crawl it`, { host, address, range });
}

/**
 * A `lookup` for node's http/https agents that closes the DNS-rebinding gap: the name is resolved once
 * here, every address is checked, and the socket connects to one of exactly those checked addresses
 * (a second, different answer from DNS between check and connect cannot be used).
 */
export function guardedLookup(options: UrlSafetyOptions): LookupFunction {
  const resolve = options.resolve ?? defaultResolve;
  return (hostname, lookupOptions, callback) => {
    const host = hostname.replace(/^\[|\]$/g, '');
    const pending = ipaddr.isValid(host) ? Promise.resolve([host]) : resolveHost(host, resolve);
    pending
      .then((all) => {
        if (!options.allowInternal) {
          const blocked = all.find((address) => !isPublicAddress(address));
          if (blocked) throw blockedAddressError(host, blocked);
        }
        const familyOf = (address: string) => (ipaddr.parse(address).kind() === 'ipv6' ? 6 : 4);
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? all.filter((a) => familyOf(a) === lookupOptions.family) : all;
        if (!wanted.length) throw new ValidationError(`host ${host} has no IPv${lookupOptions.family} address`, { host });
        if (lookupOptions.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, wanted.map((address) => ({ address, family: familyOf(address) })));
        else callback(null, wanted[0]!, familyOf(wanted[0]!));
      })
      .catch((error: Error) => callback(Object.assign(error, { code: (error as NodeJS.ErrnoException).code ?? 'EREFUSED' }) as NodeJS.ErrnoException, '', 0));
  };
}
