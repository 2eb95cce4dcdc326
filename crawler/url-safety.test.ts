import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors/errors.ts';
import { assertSafeUrl, isPublicAddress, UrlGuard } from './url-safety.ts';

const resolveTo = (...addresses: string[]) => async () => addresses;

describe('URL safety', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fc00::1', '::ffff:127.0.0.1', '224.0.0.1', '255.255.255.255'])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '203.113.131.1', '2001:4860:4860::8888'])('accepts %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('refuses non-web schemes and credentials with a ValidationError', async () => {
    await expect(assertSafeUrl('file:///etc/passwd', { allowInternal: true })).rejects.toThrow(/only http and https/);
    await expect(assertSafeUrl('ftp://a.vn/x', { allowInternal: false })).rejects.toBeInstanceOf(ValidationError);
    await expect(assertSafeUrl('not a url', { allowInternal: false })).rejects.toThrow(/not a valid URL/);
    await expect(assertSafeUrl('https://u:p@a.vn/', { allowInternal: false })).rejects.toThrow(/credentials/);
  });

  it('resolves hosts and refuses internal ones unless allowed', async () => {
    await expect(assertSafeUrl('http://intranet.local/', { allowInternal: false, resolve: resolveTo('10.0.0.5') })).rejects.toThrow(/refusing intranet\.local: it resolves to 10\.0\.0\.5 \(private\)/);
    await expect(assertSafeUrl('http://shop.vn/', { allowInternal: false, resolve: resolveTo('8.8.8.8', '127.0.0.1') })).rejects.toThrow(/loopback/);
    await expect(assertSafeUrl('http://localhost:3000/', { allowInternal: false })).rejects.toThrow(/loopback/);
    await expect(assertSafeUrl('http://[::1]:3000/', { allowInternal: false })).rejects.toThrow(/loopback/);
    await expect(assertSafeUrl('http://shop.vn/', { allowInternal: false, resolve: resolveTo('8.8.8.8') })).resolves.toBeInstanceOf(URL);
    await expect(assertSafeUrl('http://127.0.0.1:3000/', { allowInternal: true })).resolves.toBeInstanceOf(URL);
    await expect(assertSafeUrl('http://nowhere.invalid/', { allowInternal: false, resolve: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })) })).rejects.toThrow(/cannot resolve host nowhere\.invalid: ENOTFOUND/);
  });

  it('trusts exactly the allowed origins, no other port or name of the same machine', async () => {
    const guard = new UrlGuard({ allowInternal: false, allowedOrigins: ['http://127.0.0.1:8080'] });
    await expect(guard.check('http://127.0.0.1:8080/san-pham')).resolves.toBeInstanceOf(URL);
    for (const url of ['http://127.0.0.1:8081/', 'https://127.0.0.1:8080/', 'http://localhost:8080/', 'http://169.254.169.254/']) {
      await expect(guard.check(url)).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('resolves each host once per guard', async () => {
    let lookups = 0;
    const guard = new UrlGuard({ allowInternal: false, resolve: async () => (lookups++, ['8.8.8.8']) });
    await guard.check('http://shop.vn/a');
    await guard.check('http://shop.vn/b');
    expect(lookups).toBe(1);
  });
});
