import { formatResult, nowMs, writeResultJson, type Bench } from './bench.util.ts';
import { crawlSpeedBench } from './crawl-speed.bench.ts';
import { hashSpeedBench } from './hash-speed.bench.ts';
import { indexBench } from './index.bench.ts';
import { matchQualityBench } from './match-quality.bench.ts';
import { matcherLatencyBench } from './matcher-latency.bench.ts';
import { packetBench } from './packet.bench.ts';
import { registryImportBench } from './registry-import.bench.ts';
import { textQualityBench } from './text-quality.bench.ts';
import { reviewQueueBench } from './review-queue.bench.ts';

/**
 * `npm run bench` runs every benchmark; `npm run bench -- index` one of them; `--quick` shrinks the
 * inputs for developing the benchmarks. Figures are printed and written to data/bench/<name>.json;
 * nothing here asserts a timing (tests never do: a shared machine makes them flaky).
 */

const benches: Bench[] = [crawlSpeedBench, hashSpeedBench, indexBench, matchQualityBench, matcherLatencyBench, registryImportBench, textQualityBench, packetBench, reviewQueueBench];

function usage(): string {
  return [
    'usage: npm run bench -- [--quick] [name ...]',
    ...benches.map((b) => `  ${b.name.padEnd(14)} ${b.description}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return 0;
  }
  const quick = argv.includes('--quick');
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !benches.some((b) => b.name === n));
  if (unknown.length) {
    console.error(`unknown benchmark: ${unknown.join(', ')}\n${usage()}`);
    return 2;
  }
  const selected = names.length ? benches.filter((b) => names.includes(b.name)) : benches;
  const log = (line: string) => console.error(line);
  for (const bench of selected) {
    const start = nowMs();
    const result = await bench.run({ quick, log });
    const file = await writeResultJson(result);
    console.log(`${formatResult(result)}\n\n(${bench.name}: ${((nowMs() - start) / 1000).toFixed(0)} s, written to ${file})\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
