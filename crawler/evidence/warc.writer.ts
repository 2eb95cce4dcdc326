import { WARCRecord, WARCSerializer } from 'warcio';

/** One HTTP request and its response, as the browser saw them. */
export interface HttpExchange {
  url: string;
  method: string;
  requestHeaders: Record<string, string>;
  status: number;
  statusText: string;
  responseHeaders: Record<string, string>;
  /** The body as delivered to the page (already decoded); undefined when the browser no longer had it. */
  body: Buffer | undefined;
}

export interface WarcInput {
  pageUrl: string;
  capturedAt: Date;
  software: string;
  /** The page's own document exchange; undefined for a client-side navigation without one. */
  main: HttpExchange | undefined;
  /** JSON the page fetched itself (the data of client-rendered shops). */
  subresources: HttpExchange[];
  screenshot: Buffer;
  renderedHtml: string;
  /** The listing's images as fetched (bytes from the content-addressed store). */
  images?: { url: string; mime: string; body: Buffer }[] | undefined;
  /** Capture facts (IP, TLS, listing fields): a JSON metadata record. */
  metadata: Record<string, unknown>;
}

const WARC_VERSION = 'WARC/1.1';
/**
 * Playwright hands over the decoded body, so the original framing headers would lie about it; they are
 * kept under the X-Archive-Orig- prefix (the convention of pywb and Browsertrix) and Content-Length is set
 * to the bytes actually stored, so any WARC reader replays the record as it was shown.
 */
const FRAMING = new Set(['content-encoding', 'transfer-encoding', 'content-length']);

function statusLine(exchange: HttpExchange): string {
  const text = exchange.statusText.replace(/[\r\n]+/g, ' ').trim();
  return `HTTP/1.1 ${exchange.status}${text ? ` ${text}` : ''}`;
}

/** Header values never carry CR/LF into the record (a hostile server cannot forge WARC lines). */
const clean = (value: string) => value.replace(/[\r\n]+/g, ' ');

function responseHeaders(exchange: HttpExchange): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of Object.entries(exchange.responseHeaders)) {
    // Playwright joins repeated headers (set-cookie) with newlines: one header line each.
    for (const part of value.split('\n')) out.push([FRAMING.has(name.toLowerCase()) ? `X-Archive-Orig-${name}` : name, clean(part)]);
  }
  out.push(['Content-Length', String(exchange.body?.byteLength ?? 0)]);
  return out;
}

function requestHeaders(exchange: HttpExchange): [string, string][] {
  return Object.entries(exchange.requestHeaders)
    .filter(([name]) => !name.startsWith(':'))
    .map(([name, value]) => [name, clean(value)]);
}

function requestLine(exchange: HttpExchange): string {
  const u = new URL(exchange.url);
  return `${exchange.method.toUpperCase()} ${u.pathname}${u.search} HTTP/1.1`;
}

async function* chunk(data: Uint8Array | undefined): AsyncGenerator<Uint8Array> {
  if (data && data.byteLength) yield data;
}

const idOf = (record: WARCRecord) => record.warcHeaders.headers.get('WARC-Record-ID') ?? undefined;

/** A request/response pair; the request points at its response (WARC-Concurrent-To). */
function exchangeRecords(exchange: HttpExchange, date: string): WARCRecord[] {
  const response = WARCRecord.create(
    { url: exchange.url, date, type: 'response', warcVersion: WARC_VERSION, statusline: statusLine(exchange), httpHeaders: responseHeaders(exchange), keepHeadersCase: true },
    chunk(exchange.body),
  );
  const responseId = idOf(response);
  const request = WARCRecord.create(
    { url: exchange.url, date, type: 'request', warcVersion: WARC_VERSION, statusline: requestLine(exchange), httpHeaders: requestHeaders(exchange), keepHeadersCase: true, warcHeaders: responseId ? { 'WARC-Concurrent-To': responseId } : {} },
    chunk(undefined),
  );
  return [request, response];
}

/**
 * The evidence of one capture as a WARC/1.1 file (webrecorder's warcio): warcinfo, the page's request and
 * response with the original status line, headers and body, the JSON it fetched, then the full-page
 * screenshot, rendered DOM and the listing's images as resource records and the capture facts as a
 * metadata record (always last).
 * warcio computes the SHA-256 block and payload digests of every record.
 */
export async function buildWarc(input: WarcInput): Promise<Buffer> {
  const date = input.capturedAt.toISOString();
  const stamp = date.replace(/\D/g, '').slice(0, 14);
  const records: WARCRecord[] = [
    WARCRecord.createWARCInfo(
      { filename: `ipwatch-${stamp}.warc`, warcVersion: WARC_VERSION, date },
      { software: input.software, format: 'WARC File Format 1.1', conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/', description: `ipwatch capture of ${clean(input.pageUrl)}` },
    ),
  ];
  let pageResponseId: string | undefined;
  if (input.main) {
    const pair = exchangeRecords(input.main, date);
    pageResponseId = idOf(pair[1]!);
    records.push(...pair);
  }
  for (const exchange of input.subresources) records.push(...exchangeRecords(exchange, date));
  const refersTo: Record<string, string> = pageResponseId ? { 'WARC-Refers-To': pageResponseId } : {};
  records.push(
    WARCRecord.create({ url: `urn:ipwatch:screenshot:${input.pageUrl}`, date, type: 'resource', warcVersion: WARC_VERSION, warcHeaders: { 'Content-Type': 'image/png', ...refersTo } }, chunk(input.screenshot)),
    WARCRecord.create({ url: `urn:ipwatch:rendered-dom:${input.pageUrl}`, date, type: 'resource', warcVersion: WARC_VERSION, warcHeaders: { 'Content-Type': 'text/html; charset=utf-8', ...refersTo } }, chunk(Buffer.from(input.renderedHtml, 'utf8'))),
    ...(input.images ?? []).map((image) =>
      WARCRecord.create({ url: image.url, date, type: 'resource', warcVersion: WARC_VERSION, warcHeaders: { 'Content-Type': clean(image.mime), ...refersTo } }, chunk(image.body)),
    ),
    WARCRecord.create({ url: input.pageUrl, date, type: 'metadata', warcVersion: WARC_VERSION, warcHeaders: { 'Content-Type': 'application/json', ...refersTo } }, chunk(Buffer.from(JSON.stringify(input.metadata, null, 2), 'utf8'))),
  );
  const parts: Uint8Array[] = [];
  for (const record of records) parts.push(await WARCSerializer.serialize(record, { gzip: false }));
  return Buffer.concat(parts);
}
