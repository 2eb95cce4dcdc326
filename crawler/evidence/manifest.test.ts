import { describe, expect, it } from 'vitest';
import { alteredFiles, buildManifest, MANIFEST_FORMAT, vietnamTime, type EvidenceManifest } from './manifest.ts';

const files = [
  { role: 'screenshot' as const, key: 'aa/' + 'a'.repeat(64) + '.png', sha256: 'a'.repeat(64), bytes: 10, mime: 'image/png' },
  { role: 'image' as const, key: 'bb/' + 'b'.repeat(64) + '.jpg', sha256: 'b'.repeat(64), bytes: 20, mime: 'image/jpeg', url: 'https://shop.vn/a.jpg' },
];
const input = { pageUrl: 'https://shop.vn/p?utm=1', canonicalUrl: 'https://shop.vn/p', capturedAt: new Date('2026-11-25T20:30:00.123Z'), software: 'ipwatch/0.3', httpStatus: 200, serverIp: '203.0.113.5', tls: null, files };

describe('evidence manifest', () => {
  it('names every file with its hash and gives the time in UTC and in Vietnam', () => {
    const manifest = JSON.parse(buildManifest(input)) as EvidenceManifest;
    expect(manifest).toMatchObject({ format: MANIFEST_FORMAT, capturedAt: '2026-11-25T20:30:00.123Z', capturedAtVietnam: '2026-11-26T03:30:00+07:00', hashAlgorithm: 'SHA-256' });
    expect(manifest.files).toEqual(files);
  });

  it('is byte-for-byte deterministic, so its own hash fixes every file', () => {
    expect(buildManifest(input)).toBe(buildManifest({ ...input, files: files.map((f) => ({ ...f })) }));
    expect(buildManifest(input)).not.toBe(buildManifest({ ...input, files: [files[0]!, { ...files[1]!, sha256: 'c'.repeat(64) }] }));
  });

  it('tells which stored files no longer match', () => {
    const manifest = JSON.parse(buildManifest(input)) as EvidenceManifest;
    expect(alteredFiles(manifest, (key) => (key.startsWith('aa/') ? 'a'.repeat(64) : 'f'.repeat(64))).map((f) => f.role)).toEqual(['image']);
    expect(vietnamTime(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01T00:00:00+07:00');
  });
});
