import { parseArgs } from 'node:util';
import { loadConfig } from '../../core/config/config.ts';
import { ListingRepository } from '../../crawler/listing.repository.ts';
import { WorkRepository } from '../../fingerprints/work.repository.ts';
import { FindingRepository } from '../../matcher/finding.repository.ts';
import { findingStatuses, type Finding, type FindingStatus } from '../../matcher/matcher.schema.ts';
import { CliError } from './cli-error.ts';
import { openRuntime } from './runtime.ts';

/**
 * The line of DESIGN.md §5; scripts and independent checks parse exactly these keys. `work` is the
 * registered work's id (a number) or, for a finding on a registered mark, `"mark:<id>"` (a string), so
 * the two id spaces never collide and a script tells them apart by type or prefix.
 */
export interface FindingLine {
  id: number;
  work: number | `mark:${number}`;
  certificate_no: string | null;
  title: string | null;
  listing: number;
  url: string | null;
  score: number;
  status: FindingStatus;
}

export async function findingsCommand(argv: string[]): Promise<number> {
  const { values } = parseArgsOrFail(argv);
  const status = values.status;
  if (status !== undefined && !(findingStatuses as readonly string[]).includes(status)) {
    throw new CliError(`--status must be one of ${findingStatuses.join(', ')}`);
  }
  const format = values.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'table') throw new CliError('--format must be jsonl or table');

  const runtime = await openRuntime(loadConfig(), { purpose: 'ipwatch findings', redis: false });
  try {
    const findings = new FindingRepository(runtime.db);
    const works = new WorkRepository(runtime.db);
    const listings = new ListingRepository(runtime.db);
    let before: { createdAt: Date; id: number } | undefined;
    for (;;) {
      const page: Finding[] = await findings.list({ status: status as FindingStatus | undefined, before, limit: 500 });
      if (!page.length) break;
      const workMap = await works.getMany([...new Set(page.flatMap((f) => (f.workId === null ? [] : [f.workId])))]);
      const markMap = await works.getMarks([...new Set(page.flatMap((f) => (f.markId === null ? [] : [f.markId])))]);
      const listingMap = await listings.getMany([...new Set(page.map((f) => f.listingId))]);
      for (const finding of page) {
        const subject = finding.workId !== null ? workMap.get(finding.workId) : markMap.get(finding.markId!);
        const line: FindingLine = {
          id: finding.id,
          work: finding.workId ?? (`mark:${finding.markId!}` as const),
          certificate_no: subject?.certificateNo ?? null,
          title: subject ? ('title' in subject ? subject.title : subject.name) : null,
          listing: finding.listingId,
          url: listingMap.get(finding.listingId)?.url ?? null,
          score: Math.round(finding.score * 1000) / 1000,
          status: finding.status,
        };
        process.stdout.write(format === 'jsonl' ? `${JSON.stringify(line)}\n` : tableRow(line));
      }
      const last = page[page.length - 1]!;
      before = { createdAt: last.createdAt, id: last.id };
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

function tableRow(line: FindingLine): string {
  return `${String(line.id).padStart(5)}  ${line.status.padEnd(11)} ${line.score.toFixed(2)}  ${(line.title ?? '').slice(0, 40).padEnd(40)}  ${line.url ?? ''}\n`;
}

function parseArgsOrFail(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { status: { type: 'string' }, format: { type: 'string' } }, strict: true, allowPositionals: false });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
