import { parseArgs } from 'node:util';
import { loadConfig } from '../../core/config/config.ts';
import { ValidationError } from '../../core/errors/errors.ts';
import { adapterNames } from '../../crawler/adapters/adapter.registry.ts';
import { assertSafeUrl } from '../../crawler/url-safety.ts';
import { CliError } from './cli-error.ts';

interface CrawlArgs {
  url: string;
  internal: boolean;
  maxPages: number | undefined;
  adapter: string;
}

/**
 * One source, now: crawl, store listings and evidence, match them in this process (no Redis needed),
 * print one JSON summary. Exit 0 when the crawl ran, 1 when it could not (bad arguments, refused or
 * unreachable start URL).
 */
export async function crawlCommand(argv: string[]): Promise<number> {
  const args = parseCrawlArgs(argv);
  try {
    await assertSafeUrl(args.url, { allowInternal: args.internal });
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(error.message.replace('allow internal addresses for this source', 'use --internal'));
    throw error;
  }
  const config = loadConfig();
  // Loaded only once the arguments are known good: a refused URL answers in under a second instead of
  // first loading Crawlee, Playwright, sharp and the matcher.
  const [{ CrawlService }, { SourceRepository }, { MatchService }, { createLogger }, { openRuntime }, { interruptActiveRuns }] = await Promise.all([
    import('../../crawler/crawl.service.ts'),
    import('../../crawler/source.repository.ts'),
    import('../../matcher/match.service.ts'),
    import('../../core/logging/logger.ts'),
    import('./runtime.ts'),
    import('../../crawler/run.control.ts'),
  ]);
  const runtime = await openRuntime(config, { purpose: 'ipwatch crawl', redis: false, logger: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel) });
  try {
    const sources = new SourceRepository(runtime.db);
    const source = await sources.upsertSource({
      name: new URL(args.url).host,
      startUrl: args.url,
      adapter: args.adapter,
      maxPages: args.maxPages ?? config.crawlMaxPages,
      allowInternal: args.internal,
    });
    const run = await sources.createRun(source.id, { trigger: 'cli' });
    const matcher = new MatchService(runtime);
    const worker = `cli:${process.pid}`;
    let matched = 0;
    let findings = 0;
    const matchErrors: { listing: number; message: string }[] = [];
    // Ctrl-C ends the crawl as "interrupted" (never left "running") and still prints the summary.
    const interrupt = () => interruptActiveRuns();
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    const summary = await new CrawlService(runtime).crawl(source, run.id, {
      workerId: `cli:${process.pid}`,
      // Every listing, changed or not: one never matched before (an interrupted run) gets its turn, and
      // the matcher's claim skips the ones already matched in this version.
      onListing: async (listingId) => {
        try {
          const result = await matcher.matchListing(listingId, worker);
          if (!result.skipped) matched++;
          findings += result.findings.length;
        } catch (error) {
          matchErrors.push({ listing: listingId, message: (error as Error).message });
        }
      },
    });
    const line = {
      source: source.id,
      run: run.id,
      url: args.url,
      status: summary.status,
      pages: summary.pagesVisited,
      listings: summary.listingsFound,
      changed: summary.listingsChanged,
      blocked: summary.pagesBlocked,
      matched,
      findings,
      errors: [...summary.errors, ...matchErrors.map((e) => ({ url: `listing:${e.listing}`, message: e.message }))],
      seconds: Math.round(summary.seconds * 10) / 10,
    };
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return summary.status === 'succeeded' ? 0 : 1;
  } finally {
    await runtime.close();
  }
}

function parseCrawlArgs(argv: string[]): CrawlArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { internal: { type: 'boolean' }, 'max-pages': { type: 'string' }, adapter: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const [url, ...extra] = parsed.positionals;
  if (!url || extra.length) throw new CliError('usage: ipwatch crawl <start-url> [--internal] [--max-pages N] [--adapter NAME]');
  const maxPagesText = parsed.values['max-pages'];
  const maxPages = maxPagesText === undefined ? undefined : Number(maxPagesText);
  if (maxPages !== undefined && (!Number.isInteger(maxPages) || maxPages < 1 || maxPages > 100_000)) {
    throw new CliError(`--max-pages must be a whole number from 1 to 100000, not ${maxPagesText}`);
  }
  const adapter = parsed.values.adapter ?? 'generic';
  if (!adapterNames().includes(adapter)) throw new CliError(`unknown adapter ${adapter}; known: ${adapterNames().join(', ')}`);
  return { url, internal: parsed.values.internal ?? false, maxPages, adapter };
}
