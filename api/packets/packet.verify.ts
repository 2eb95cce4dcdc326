import { createHash, createPublicKey } from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { z } from 'zod';
import { brokenCustodyLine } from './packet.custody.ts';
import { checkSignature } from './packet.sign.ts';

/*
 * Offline verification of an evidence packet (DESIGN.md §5 `ipwatch packet verify`). This module must stay
 * free of anything that reaches a database, Redis or the network: an inspector, a bailiff or a court runs it
 * on a laptop. It writes nothing to disk at all: every entry is streamed through SHA-256 straight out of
 * the ZIP, so a hostile archive (`../` names, a ZIP bomb) has nowhere to land.
 */

export const DIGEST_FILE = 'datapackage-digest.json';
export const DATAPACKAGE_FILE = 'datapackage.json';
export const CUSTODY_FILE = 'custody.jsonl';

export interface VerifyLimits {
  maxEntries: number;
  /** Sum of the uncompressed sizes the archive declares. */
  maxTotalBytes: number;
  /** An entry that inflates more than this many times its stored size (and past `ratioFloorBytes`) is a bomb. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** datapackage.json and the digest are parsed in memory. */
  maxJsonBytes: number;
}

export const DEFAULT_LIMITS: VerifyLimits = { maxEntries: 100_000, maxTotalBytes: 16 * 1024 ** 3, maxRatio: 200, ratioFloorBytes: 8 * 1024 ** 2, maxJsonBytes: 64 * 1024 ** 2 };

export type VerifyResult =
  | { intact: true; files: number; created: string; software: string; publicKey: string; fingerprint: string }
  /** `file`: the first file that does not check out; absent when the archive itself is unusable. */
  | { intact: false; file?: string; reason: string };

export interface VerifyOptions {
  /** Pin the signer: the Department's public key (base64 SPKI DER or PEM); any other key fails. */
  publicKey?: string;
  limits?: Partial<VerifyLimits>;
}

/** One line for a person: `intact`, or what failed and where. */
export function describeVerdict(result: VerifyResult): string {
  if (result.intact) return 'intact';
  return result.file ? `${result.file}: ${result.reason}` : result.reason;
}

const Sha256 = z.string().regex(/^sha256:[0-9a-f]{64}$/);
const DigestSchema = z.object({
  path: z.literal(DATAPACKAGE_FILE),
  hash: Sha256,
  signedData: z.object({ hash: Sha256, created: z.string().min(1), software: z.string(), signature: z.string().min(1), publicKey: z.string().min(1) }).passthrough(),
});
const DatapackageSchema = z.object({
  created: z.string().min(1),
  resources: z.array(z.object({ path: z.string().min(1), hash: Sha256, bytes: z.number().int().nonnegative() }).passthrough()),
}).passthrough();

class Unusable extends Error {}

/** Names a person can trust to stay inside a folder: relative, forward slashes, no `.`/`..` segments. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\\')) return 'backslash in path';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return 'control character in path';
  if (name.split('/').some((part) => part === '..' || part === '.')) return 'path escapes the archive (..)';
  return undefined;
}

function openZip(source: string | Buffer): Promise<yauzl.ZipFile> {
  const options: yauzl.Options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: yauzl.ZipFile) => (error || !zip ? reject(new Unusable(`not a readable ZIP/WACZ archive (${error?.message ?? 'empty'})`)) : resolve(zip));
    if (typeof source === 'string') yauzl.open(source, options, done);
    else yauzl.fromBuffer(source, options, done);
  });
}

/** Reads the central directory only, refusing unsafe names and bombs before a single byte is inflated. */
function listEntries(zip: yauzl.ZipFile, limits: VerifyLimits, archiveBytes: number): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    let total = 0;
    let stored = 0;
    const fail = (message: string) => reject(new Unusable(message));
    zip.on('error', (error: Error) => {
      const relative = /invalid relative path: (.*)$/.exec(error.message);
      fail(relative ? `unsafe path in archive: ${relative[1]} (path escapes the archive)` : `not a readable ZIP/WACZ archive (${error.message})`);
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      const unsafe = unsafeEntryName(name);
      if (unsafe) return fail(`unsafe path in archive: ${name} (${unsafe})`);
      if (entries.has(name)) return fail(`archive holds ${name} twice`);
      if (entries.size >= limits.maxEntries) return fail(`archive has more than ${limits.maxEntries} entries: refused as a possible ZIP bomb`);
      total += entry.uncompressedSize;
      stored += entry.compressedSize;
      if (total > limits.maxTotalBytes) return fail(`archive would inflate past ${limits.maxTotalBytes} bytes: refused as a ZIP bomb`);
      if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1)) {
        return fail(`${name} inflates ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} times its stored size: refused as a ZIP bomb`);
      }
      // Entries that share their compressed bytes (the overlapping-file bomb) claim more than the file holds.
      if (archiveBytes > 0 && stored > archiveBytes) return fail('archive entries overlap: refused as a ZIP bomb');
      if (!name.endsWith('/')) entries.set(name, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.readEntry();
  });
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error ?? new Error('no stream')) : resolve(stream))));
}

async function hashEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<{ hash: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of await openStream(zip, entry)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { hash: `sha256:${hash.digest('hex')}`, bytes };
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, max: number): Promise<Buffer> {
  if (entry.uncompressedSize > max) throw new Unusable(`${entry.fileName} is larger than ${max} bytes`);
  const chunks: Buffer[] = [];
  for await (const chunk of await openStream(zip, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

function spkiOf(key: string): string | undefined {
  try {
    const trimmed = key.trim();
    const object = trimmed.startsWith('-----BEGIN') ? createPublicKey(trimmed) : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
    return object.export({ type: 'spki', format: 'der' }).toString('base64');
  } catch {
    return undefined;
  }
}

export function spkiFingerprint(spkiBase64: string): string {
  return createHash('sha256').update(Buffer.from(spkiBase64, 'base64')).digest('hex');
}

/**
 * Checks a packet as the WACZ Signing and Verification spec describes: the digest's hash of
 * datapackage.json, the anonymous ECDSA signature over that hash, then every listed file's SHA-256 and
 * size, then that nothing unlisted rides along, then the custody log's chain. Stops at the first failure.
 */
export async function verifyPacket(source: string | Buffer, options: VerifyOptions = {}): Promise<VerifyResult> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  let zip: yauzl.ZipFile | undefined;
  try {
    zip = await openZip(source);
    const entries = await listEntries(zip, limits, zip.fileSize);
    return await check(zip, entries, limits, options);
  } catch (error) {
    if (error instanceof Unusable) return { intact: false, reason: error.message };
    const message = error instanceof Error ? error.message : String(error);
    return { intact: false, reason: `archive unreadable (${message})` };
  } finally {
    zip?.close();
  }
}

async function check(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, limits: VerifyLimits, options: VerifyOptions): Promise<VerifyResult> {
  const digestEntry = entries.get(DIGEST_FILE);
  if (!digestEntry) return { intact: false, reason: `${DIGEST_FILE} is missing: not a signed WACZ packet` };
  const packageEntry = entries.get(DATAPACKAGE_FILE);
  if (!packageEntry) return { intact: false, reason: `${DATAPACKAGE_FILE} is missing: not a WACZ packet` };

  const digest = DigestSchema.safeParse(parseJson(await readEntry(zip, digestEntry, 1024 ** 2)));
  if (!digest.success) return { intact: false, file: DIGEST_FILE, reason: 'not a valid signed WACZ digest' };
  const packageBytes = await readEntry(zip, packageEntry, limits.maxJsonBytes);
  const packageHash = `sha256:${createHash('sha256').update(packageBytes).digest('hex')}`;
  if (packageHash !== digest.data.hash) return { intact: false, file: DATAPACKAGE_FILE, reason: `SHA-256 does not match ${DIGEST_FILE}` };

  const signed = digest.data.signedData;
  if (signed.hash !== digest.data.hash) return { intact: false, file: DIGEST_FILE, reason: 'the signature covers another datapackage hash' };
  if (!checkSignature(signed)) return { intact: false, file: DIGEST_FILE, reason: 'signature does not verify' };
  if (options.publicKey !== undefined) {
    const pinned = spkiOf(options.publicKey);
    if (!pinned) return { intact: false, reason: 'the public key given to check against is not a readable public key' };
    if (pinned !== signed.publicKey) return { intact: false, file: DIGEST_FILE, reason: `signed by another key (${spkiFingerprint(signed.publicKey)}), not ${spkiFingerprint(pinned)}` };
  }

  const datapackage = DatapackageSchema.safeParse(parseJson(packageBytes));
  if (!datapackage.success) return { intact: false, file: DATAPACKAGE_FILE, reason: 'not a valid WACZ datapackage' };
  if (datapackage.data.created !== signed.created) return { intact: false, file: DIGEST_FILE, reason: `signature time ${signed.created} differs from the datapackage's ${datapackage.data.created}` };

  const listed = new Set<string>([DATAPACKAGE_FILE, DIGEST_FILE]);
  for (const resource of datapackage.data.resources) {
    const unsafe = unsafeEntryName(resource.path);
    if (unsafe) return { intact: false, file: resource.path, reason: `unsafe path listed in ${DATAPACKAGE_FILE} (${unsafe})` };
    const entry = entries.get(resource.path);
    if (!entry) return { intact: false, file: resource.path, reason: 'listed in datapackage.json but missing from the archive' };
    listed.add(resource.path);
    const actual = await hashEntry(zip, entry).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
    if ('error' in actual) return { intact: false, file: resource.path, reason: `unreadable in the archive (${actual.error})` };
    if (actual.hash !== resource.hash) return { intact: false, file: resource.path, reason: `SHA-256 does not match ${DATAPACKAGE_FILE}` };
    if (actual.bytes !== resource.bytes) return { intact: false, file: resource.path, reason: `size ${actual.bytes} differs from the ${resource.bytes} bytes in ${DATAPACKAGE_FILE}` };
  }
  for (const name of entries.keys()) {
    if (!listed.has(name)) return { intact: false, file: name, reason: `not listed in ${DATAPACKAGE_FILE}` };
  }
  const custody = entries.get(CUSTODY_FILE);
  if (custody) {
    const broken = brokenCustodyLine((await readEntry(zip, custody, limits.maxJsonBytes)).toString('utf8'));
    if (broken !== undefined) return { intact: false, file: CUSTODY_FILE, reason: `hash chain broken at line ${broken}` };
  }
  return { intact: true, files: listed.size, created: signed.created, software: signed.software, publicKey: signed.publicKey, fingerprint: spkiFingerprint(signed.publicKey) };
}
