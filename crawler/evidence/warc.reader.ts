import { createHash } from 'node:crypto';
import { WARCParser } from 'warcio';

export interface ParsedWarcRecord {
  type: string;
  targetUri: string | undefined;
  contentType: string | undefined;
  status: number | undefined;
  httpHeaders: Record<string, string>;
  payload: Buffer;
  /** The digests the file declares, and whether the payload's SHA-256 agrees with WARC-Payload-Digest. */
  payloadDigest: string | undefined;
  blockDigest: string | undefined;
  payloadDigestOk: boolean | undefined;
}

/** Reads a WARC back with warcio's parser, checking every declared payload digest: the verifier's view. */
export async function readWarc(data: Uint8Array): Promise<ParsedWarcRecord[]> {
  const out: ParsedWarcRecord[] = [];
  async function* source() {
    yield data;
  }
  for await (const record of new WARCParser(source())) {
    const payload = Buffer.from(await record.readFully(false));
    const declared = record.warcPayloadDigest ?? undefined;
    const actual = `sha256:${createHash('sha256').update(payload).digest('hex')}`;
    const headers: Record<string, string> = {};
    record.httpHeaders?.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    out.push({
      type: record.warcType ?? '',
      targetUri: record.warcTargetURI ?? undefined,
      contentType: record.warcContentType ?? undefined,
      status: record.httpHeaders?.statusCode ? Number(record.httpHeaders.statusCode) : undefined,
      httpHeaders: headers,
      payload,
      payloadDigest: declared,
      blockDigest: record.warcBlockDigest ?? undefined,
      payloadDigestOk: declared ? declared === actual : undefined,
    });
  }
  return out;
}
