import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readWarc } from './warc.reader.ts';
import { buildWarc, type WarcInput } from './warc.writer.ts';

const sha = (b: Uint8Array | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

const input = (overrides: Partial<WarcInput> = {}): WarcInput => ({
  pageUrl: 'https://shop.vn/san-pham/tranh-ga?x=1',
  capturedAt: new Date('2026-11-25T08:00:00.000Z'),
  software: 'ipwatch/0.1.0 crawlee/3 chromium/120',
  main: {
    url: 'https://shop.vn/san-pham/tranh-ga?x=1',
    method: 'GET',
    requestHeaders: { 'user-agent': 'ipwatch', accept: 'text/html', ':authority': 'shop.vn' },
    status: 200,
    statusText: 'OK',
    responseHeaders: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'content-length': '99', 'set-cookie': 'a=1\nb=2', 'x-evil': 'a\r\nWARC-Type: forged' },
    body: Buffer.from('<html><body><h1>Tranh gà</h1></body></html>'),
  },
  subresources: [{ url: 'https://shop.vn/api/products/ga', method: 'GET', requestHeaders: { accept: 'application/json' }, status: 200, statusText: '', responseHeaders: { 'content-type': 'application/json' }, body: Buffer.from('{"name":"Tranh gà"}') }],
  screenshot: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]),
  renderedHtml: '<html><body><h1>Tranh gà</h1><p>125.000 ₫</p></body></html>',
  metadata: { serverIp: '203.0.113.5', tls: { protocol: 'TLS 1.3' } },
  ...overrides,
});

describe('WARC evidence', () => {
  it('writes WARC/1.1 records that warcio reads back with matching SHA-256 digests', async () => {
    const warc = await buildWarc(input());
    expect(warc.subarray(0, 9).toString()).toBe('WARC/1.1\r');
    const records = await readWarc(warc);
    expect(records.map((r) => r.type)).toEqual(['warcinfo', 'request', 'response', 'request', 'response', 'resource', 'resource', 'metadata']);

    const page = records[2]!;
    expect(page.targetUri).toBe('https://shop.vn/san-pham/tranh-ga?x=1');
    expect(page.status).toBe(200);
    expect(page.payload.toString()).toBe('<html><body><h1>Tranh gà</h1></body></html>');
    expect(page.payloadDigest).toBe(sha(page.payload));
    expect(page.payloadDigestOk).toBe(true);
    expect(page.httpHeaders['content-type']).toBe('text/html; charset=utf-8');
    // The decoded body is stored: the original framing headers are kept, renamed, so no reader un-gzips it.
    expect(page.httpHeaders['content-encoding']).toBeUndefined();
    expect(page.httpHeaders['x-archive-orig-content-encoding']).toBe('gzip');
    expect(page.httpHeaders['content-length']).toBe(String(page.payload.byteLength));
    expect(records[1]!.httpHeaders['user-agent']).toBe('ipwatch');

    const [screenshot, dom, meta] = records.slice(5);
    expect(screenshot!.targetUri).toBe('urn:ipwatch:screenshot:https://shop.vn/san-pham/tranh-ga?x=1');
    expect(screenshot!.contentType).toBe('image/png');
    expect(screenshot!.payload).toEqual(input().screenshot);
    expect(screenshot!.blockDigest).toBe(sha(input().screenshot));
    expect(dom!.payload.toString('utf8')).toContain('125.000 ₫');
    expect(JSON.parse(meta!.payload.toString())).toMatchObject({ serverIp: '203.0.113.5' });
    for (const r of records.filter((x) => x.payloadDigest)) expect(r.payloadDigestOk).toBe(true);
  });

  it('cannot be made to forge records through header values, and copes with a missing body', async () => {
    const warc = await buildWarc(input({ main: { ...input().main!, body: undefined, status: 302, statusText: 'Found\r\nWARC-Type: x' } }));
    const records = await readWarc(warc);
    expect(records.filter((r) => r.type === 'response')).toHaveLength(2);
    expect(records[2]!.status).toBe(302);
    expect(records[2]!.payload.byteLength).toBe(0);
    expect(warc.toString('latin1')).not.toMatch(/\r\nWARC-Type: forged/);
  });

  it('writes a WARC without a document exchange (client-side navigation)', async () => {
    const records = await readWarc(await buildWarc(input({ main: undefined, subresources: [], images: [{ url: 'https://cdn.shop.vn/a.jpg', mime: 'image/jpeg', body: Buffer.from([0xff, 0xd8, 0xff, 1]) }] })));
    expect(records.map((r) => r.type)).toEqual(['warcinfo', 'resource', 'resource', 'resource', 'metadata']);
    expect(records[3]).toMatchObject({ targetUri: 'https://cdn.shop.vn/a.jpg', contentType: 'image/jpeg', payloadDigestOk: true });
  });
});
