import type { ListingText } from '../../../matcher/text.signals.ts';
import { CliError } from '../cli-error.ts';
import { imageFiles } from './images.ts';
import { readJsonLines, salvageId } from './jsonl.ts';
import { statInput, type ExternalId, type Log } from './works.ts';

/** One candidate to match: an image file, a text, or the reason it cannot be read. */
export type Candidate =
  | { query: ExternalId; file: string }
  | { query: ExternalId; listing: ListingText }
  | { query: ExternalId; error: string };

/**
 * The pipeline looks for a work's title (and a mark) in a listing's title: a short line. A candidate
 * brings one text, so its first line is taken as the title only when it is title-sized; a page that is
 * one long paragraph has no title, or every work whose title words occur somewhere in it would match.
 * The whole text is the description, where text reuse is looked for.
 */
const MAX_TITLE_CHARS = 200;

export function listingOf(text: string): ListingText {
  const trimmed = text.trim();
  const newline = trimmed.search(/[\r\n]/);
  const first = newline < 0 ? trimmed : trimmed.slice(0, newline).trim();
  const title = first.length <= MAX_TITLE_CHARS ? first : '';
  // A one-line candidate is its own title: repeating it as the description would only repeat spans.
  return { title, description: title === trimmed || !trimmed ? null : trimmed };
}

export async function* readCandidates(input: string, log: Log): AsyncGenerator<Candidate> {
  const stat = await statInput(input, '--candidates');
  const source = stat.isDirectory() ? imageCandidates(input) : textCandidates(input, log);
  try {
    yield* source;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`--candidates ${input}: cannot read${code ? ` (${code})` : ''}`);
  }
}

async function* imageCandidates(dir: string): AsyncGenerator<Candidate> {
  for await (const { id, file } of imageFiles(dir)) yield { query: id, file };
}

function idOf(value: unknown): ExternalId | undefined {
  if (typeof value === 'string' && value.trim()) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

/** Every line becomes exactly one candidate, so a broken line is still answered (by id when it shows). */
async function* textCandidates(file: string, log: Log): AsyncGenerator<Candidate> {
  for await (const line of readJsonLines(file)) {
    const fallback = `line:${line.number}`;
    if (line.error !== undefined || line.text === undefined) {
      yield { query: salvageId(line.head) ?? fallback, error: `${line.error ?? 'unreadable line'} (line ${line.number})` };
      continue;
    }
    if (line.legacyEncoding) log(`${file}:${line.number}: not UTF-8, read as ${line.legacyEncoding}`);
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch (error) {
      yield { query: salvageId(line.text) ?? fallback, error: `not valid JSON (line ${line.number}): ${(error as Error).message}` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { query: fallback, error: `not a JSON object (line ${line.number})` };
      continue;
    }
    const record = value as Record<string, unknown>;
    const query = idOf(record.id);
    if (query === undefined) {
      yield { query: fallback, error: `"id" missing (a non-empty string or a number) (line ${line.number})` };
      continue;
    }
    const { text, title, description } = record;
    const bad = [['text', text], ['title', title], ['description', description]].find(([, v]) => v !== undefined && v !== null && typeof v !== 'string');
    if (bad) {
      yield { query, error: `"${bad[0] as string}" must be a string (line ${line.number})` };
      continue;
    }
    if (typeof title === 'string') {
      // A listing given as its parts: matched exactly as a crawled listing would be.
      const body = [description, text].filter((v): v is string => typeof v === 'string' && v.trim() !== '').join('\n');
      yield { query, listing: { title, description: body || null } };
    } else if (typeof text === 'string') {
      yield { query, listing: listingOf(text) };
    } else {
      yield { query, error: `"text" missing (line ${line.number})` };
    }
  }
}
