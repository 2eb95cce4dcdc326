import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { WACZ, type WACZResource } from '@harvard-lil/js-wacz';
import { assertValidWACZSignatureFormat } from '@harvard-lil/js-wacz/utils/assertions.js';
import type { Logger } from '../../core/logging/logger.ts';
import type { PacketFile, PacketPage } from './packet.files.ts';
import type { PacketKeys } from './packet.keys.ts';
import { signDatapackageHash } from './packet.sign.ts';

export interface WaczInput {
  /** An empty working folder of the caller's; the archive is written inside it. */
  dir: string;
  warcGz: Buffer;
  files: PacketFile[];
  /** pages/pages.jsonl as made by `pagesJsonl`. */
  pagesJsonl: Buffer;
  title: string;
  description: string;
  mainPage: { url: string; ts: string } | undefined;
  extras: Record<string, unknown>;
  keys: PacketKeys;
  /** "ipwatch <version>": the signing software named in signedData. */
  software: string;
  logger: Logger;
}

export interface WaczOutput {
  file: string;
  datapackageHash: string;
  created: string;
  resources: WACZResource[];
}

/** pages/pages.jsonl: the json-pages-1.0 header line, then one line per captured page. */
export function pagesJsonl(title: string, pages: PacketPage[]): Buffer {
  const header = { format: 'json-pages-1.0', id: 'pages', title };
  return Buffer.from([header, ...pages].map((line) => `${JSON.stringify(line)}\n`).join(''), 'utf8');
}

/** SHA-256 of a file or buffer, streamed once (js-wacz 0.1.6 feeds each chunk twice: its issue #127). */
async function sha256(file: string | Uint8Array): Promise<string> {
  const hash = createHash('sha256');
  if (typeof file === 'string') {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } else {
    hash.update(file);
  }
  return `sha256:${hash.digest('hex')}`;
}

/**
 * Assembles the WACZ 1.1.1 archive with webrecorder's format as implemented by @harvard-lil/js-wacz (the
 * library DESIGN.md §6b names): it indexes the WARC with warcio into indexes/index.cdx, stores every entry
 * uncompressed (what the spec recommends for archive/*.warc.gz), and writes datapackage.json and
 * datapackage-digest.json. Two of its instance functions are replaced, each for a stated reason:
 * - `sha256`: 0.1.6 hashes files added by path wrongly (issue #127); every hash is re-checked by our
 *   verifier in the tests;
 * - `requestSignature`: the library only asks a remote authsign server; the Department signs locally with
 *   its own key, so the signature is made here (the anonymous form of the WACZ signing spec) and checked
 *   with the library's own format assertion. `signingUrl` is a placeholder that is never contacted.
 */
export async function assembleWacz(input: WaczInput): Promise<WaczOutput> {
  const archiveDir = path.join(input.dir, 'archive');
  const pagesDir = path.join(input.dir, 'pages');
  await fs.mkdir(archiveDir);
  await fs.mkdir(pagesDir);
  await fs.writeFile(path.join(archiveDir, 'data.warc.gz'), input.warcGz);
  await fs.writeFile(path.join(pagesDir, 'pages.jsonl'), input.pagesJsonl);

  const output = path.join(input.dir, 'packet.wacz');
  const log = input.logger.child({ component: 'js-wacz' });
  const wacz = new WACZ({
    input: path.join(archiveDir, 'data.warc.gz'),
    output,
    pagesDir,
    title: input.title,
    description: input.description,
    ...(input.mainPage ? { url: input.mainPage.url, ts: input.mainPage.ts } : {}),
    datapackageExtras: input.extras,
    signingUrl: 'urn:ipwatch:local-signer',
    log: { trace: (...a) => log.trace({ detail: a.map(String) }, 'js-wacz'), info: (...a) => log.debug({ detail: a.map(String) }, 'js-wacz'), warn: (...a) => log.warn({ detail: a.map(String) }, 'js-wacz'), error: (...a) => log.error({ detail: a.map(String) }, 'js-wacz') },
  });
  wacz.sha256 = sha256;
  wacz.requestSignature = async () => {
    const hash = wacz.resources.find((r) => r.path === 'datapackage.json')?.hash;
    const created = wacz.datapackageDate;
    if (!hash || !created) throw new Error('datapackage.json not written yet');
    const signed = signDatapackageHash(input.keys, { hash, created, software: input.software });
    assertValidWACZSignatureFormat(signed);
    return { ...signed };
  };
  try {
    for (const file of input.files) await wacz.addFileToZip(file.bytes, file.path);
    await wacz.process(false);
  } finally {
    await wacz.indexWARCPool?.destroy();
  }
  const datapackage = wacz.resources.find((r) => r.path === 'datapackage.json');
  if (!datapackage || !wacz.datapackageDate) throw new Error('js-wacz finished without a datapackage.json');
  return { file: output, datapackageHash: datapackage.hash, created: wacz.datapackageDate, resources: wacz.resources.filter((r) => r.path !== 'datapackage.json') };
}
