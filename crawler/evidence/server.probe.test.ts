import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedLookup } from '../url-safety.ts';
import { probeServer } from './server.probe.ts';

describe('server probe for evidence', () => {
  let server: https.Server;
  let port: number;
  beforeAll(async () => {
    // A throw-away self-signed certificate, made here: nothing is downloaded.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ipw-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=shop.example.vn/O=Cửa hàng thử', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    server = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('records the address and the certificate the server presents, trusted or not', async () => {
    const found = await probeServer(`https://localhost:${port}/san-pham`, guardedLookup({ allowInternal: true }));
    expect(found.serverIp).toBe('127.0.0.1');
    expect(found.tls).toMatchObject({ subjectName: 'shop.example.vn', authorized: false, source: 'probe' });
    expect(found.tls?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(Date.parse(String(found.tls?.validTo))).toBeGreaterThan(Date.now());
  });

  it('never reaches an address the guard refuses, and plain HTTP has no certificate', async () => {
    expect(await probeServer(`https://localhost:${port}/`, guardedLookup({ allowInternal: false }))).toEqual({ serverIp: undefined });
    expect(await probeServer(`http://127.0.0.1:${port}/`, guardedLookup({ allowInternal: true }))).toEqual({ serverIp: '127.0.0.1' });
  });
});
