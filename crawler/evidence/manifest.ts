/**
 * The evidence manifest of one capture (issue 8): every file kept for it with its SHA-256, size and role,
 * and the capture's circumstances (URL, UTC and Vietnam time, server address, TLS, software). It is a
 * file of its own in the content-addressed store, so its own SHA-256 (on the evidence row) fixes all of
 * them at once: change one byte of any file and its hash no longer matches the manifest.
 */
export const MANIFEST_FORMAT = 'ipwatch-evidence-manifest/1';

export type ManifestRole = 'screenshot' | 'html' | 'response' | 'warc' | 'image';

export interface ManifestFile {
  role: ManifestRole;
  /** Key in the evidence store (<2 hex>/<sha256>.<ext>): where the file is, and its name. */
  key: string;
  sha256: string;
  bytes: number;
  mime: string;
  /** Where it came from, for images. */
  url?: string;
}

export interface ManifestInput {
  pageUrl: string;
  canonicalUrl: string;
  capturedAt: Date;
  software: string;
  httpStatus: number | null;
  serverIp: string | null;
  tls: Record<string, unknown> | null;
  files: ManifestFile[];
}

export interface EvidenceManifest extends Omit<ManifestInput, 'capturedAt'> {
  format: typeof MANIFEST_FORMAT;
  capturedAt: string;
  /** The same instant in Vietnam time (UTC+7, no daylight saving), as inspectors and courts read it. */
  capturedAtVietnam: string;
  hashAlgorithm: 'SHA-256';
}

export function vietnamTime(at: Date): string {
  const shifted = new Date(at.getTime() + 7 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+07:00`;
}

/** Deterministic (fixed key order, files in the order given): the same capture gives the same bytes. */
export function buildManifest(input: ManifestInput): string {
  const manifest: EvidenceManifest = {
    format: MANIFEST_FORMAT,
    pageUrl: input.pageUrl,
    canonicalUrl: input.canonicalUrl,
    capturedAt: input.capturedAt.toISOString(),
    capturedAtVietnam: vietnamTime(input.capturedAt),
    software: input.software,
    httpStatus: input.httpStatus,
    serverIp: input.serverIp,
    tls: input.tls,
    hashAlgorithm: 'SHA-256',
    files: input.files.map((f) => ({ role: f.role, key: f.key, sha256: f.sha256, bytes: f.bytes, mime: f.mime, ...(f.url ? { url: f.url } : {}) })),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The files whose bytes no longer match the manifest (by store key), for a later integrity check. */
export function alteredFiles(manifest: EvidenceManifest, sha256Of: (key: string) => string | undefined): ManifestFile[] {
  return manifest.files.filter((f) => sha256Of(f.key) !== f.sha256);
}
