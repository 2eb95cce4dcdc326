import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { BlobRepository } from '../../core/blob/blob.repository.ts';
import { parseConfig } from '../../core/config/config.ts';
import { openDatabase, type DatabaseHandle } from '../../core/database/database.ts';
import { fingerprintStatus } from '../../fingerprints/fingerprints.schema.ts';
import { scenePng } from '../../fingerprints/image/synthetic.fixture.ts';
import { csvOf, zipOf } from '../../fingerprints/registry/import/import.fixture.ts';
import { importLimits, prepareImport, RegistryImportService } from '../../fingerprints/registry/import/import.service.ts';
import { RegistryFingerprinter } from '../../fingerprints/registry/registry.fingerprint.ts';
import { RegistryService } from '../../fingerprints/registry/registry.service.ts';
import type { RegistryActor } from '../../fingerprints/registry/registry.types.ts';
import { DEFAULT_BENCH_PG_URL } from './index.pg.ts';
import { nowMs, type Bench, type BenchResult, type Cell } from './bench.util.ts';

/**
 * Issue 7's figures: bulk import speed (rows/s of a 10 000-row works CSV with 1 000 images in a ZIP: dry
 * run, real run, the same file again) on PGlite and the PostgreSQL server, then fingerprinting throughput
 * (works/s, the FingerprintWork job's own code on one core).
 */
const officer: RegistryActor = { userId: null, role: 'officer', ownerId: null, label: 'bench' };
const TYPES = ['fine_art', 'literary', 'music', 'photo', 'applied_art'] as const;

async function buildFiles(rows: number, images: number): Promise<{ csv: Buffer; zip: Buffer }> {
  const header = ['title', 'type', 'authors', 'owners', 'certificate_no', 'certificate_date', 'description', 'images', 'text'];
  const pictures = await Promise.all(Array.from({ length: images }, (_, i) => scenePng(1000 + i, 320, 240)));
  const lines: (string | number)[][] = [header];
  for (let i = 0; i < rows; i++) {
    const type = TYPES[i % TYPES.length]!;
    lines.push([
      `Tác phẩm số ${i} — làng nghề Bắc Ninh`,
      type,
      `Nghệ nhân ${i % 700}`,
      `Hợp tác xã ${i % 300};Làng nghề ${i % 50}`,
      `${10_000 + i}/2026/QTG`,
      '15/03/2026',
      `Mô tả tác phẩm ${i}: tranh dân gian, gốm, chạm khắc.`,
      i < images ? `img-${i}.png` : '',
      type === 'literary' ? `Bài thơ số ${i}: bến sông quê mẹ chiều nay, con đò nhỏ chở đầy mây trắng về làng ${i}.` : '',
    ]);
  }
  const zip = await zipOf(pictures.map((data, i) => ({ name: `img-${i}.png`, data, compress: false })));
  return { csv: Buffer.from(csvOf(lines)), zip };
}

async function openBenchDatabase(kind: 'pglite' | 'postgres', dir: string): Promise<DatabaseHandle | string> {
  if (kind === 'pglite') return openDatabase({ pgliteDir: path.join(dir, 'db') });
  // A private database on the server, dropped afterwards.
  const admin = await openDatabase({ url: DEFAULT_BENCH_PG_URL, migrate: false }).catch((e: Error) => e.message);
  if (typeof admin === 'string') return `PostgreSQL unavailable: ${admin}`;
  const name = `ipwatch_bench_import_${process.pid}`;
  await admin.db.execute(`drop database if exists ${name}` as never);
  await admin.db.execute(`create database ${name}` as never);
  await admin.close();
  const url = new URL(DEFAULT_BENCH_PG_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const again = await openDatabase({ url: DEFAULT_BENCH_PG_URL, migrate: false });
      await again.db.execute(`drop database if exists ${name}` as never);
      await again.close();
    },
  };
}

export const registryImportBench: Bench = {
  name: 'registry-import',
  description: 'bulk import rows/s (10 000 works, 1 000 images) on PGlite and PostgreSQL; fingerprinting works/s',
  async run({ quick, log }): Promise<BenchResult> {
    const rows = quick ? 1000 : 10_000;
    const images = quick ? 100 : 1000;
    const fingerprintSample = quick ? 50 : 300;
    log(`registry-import: building ${rows} rows, ${images} images`);
    const files = await buildFiles(rows, images);
    const table: Cell[][] = [];
    const fpTable: Cell[][] = [];
    const notes: string[] = [`CSV ${(files.csv.length / 1e6).toFixed(1)} MB, ZIP ${(files.zip.length / 1e6).toFixed(1)} MB (stored PNGs 320×240)`];
    for (const kind of ['pglite', 'postgres'] as const) {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipwatch-bench-import-'));
      const handle = await openBenchDatabase(kind, dir);
      if (typeof handle === 'string') {
        notes.push(`${kind}: skipped (${handle})`);
        continue;
      }
      try {
        const config = parseConfig({ IPWATCH_DATA_DIR: dir });
        const ctx = { db: handle.db, blobs: new BlobRepository(path.join(dir, 'blobs')), config, now: () => new Date() };
        const limits = importLimits(config);
        const registry = new RegistryService({ ...ctx, queues: undefined });
        for (const [label, dryRun] of [['dry run', true], ['real run', false], ['same file again', false]] as const) {
          const started = nowMs();
          const prepared = await prepareImport({ file: { name: 'works.csv', bytes: files.csv }, images: { name: 'images.zip', bytes: files.zip }, dryRun, actor: officer }, limits);
          const preparedMs = nowMs() - started;
          const report = await new RegistryImportService(registry, limits).run(prepared);
          const ms = nowMs() - started;
          if (report.rejected.length) throw new Error(`bench rows rejected: ${JSON.stringify(report.rejected.slice(0, 3))}`);
          log(`  ${kind} ${label}: ${(ms / 1000).toFixed(1)} s (created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged})`);
          table.push([kind, label, rows, Math.round(preparedMs), Math.round(ms), Math.round((rows / ms) * 1000), report.created, report.unchanged]);
        }
        // Fingerprinting: a sample of the pending works (images and texts in the file's proportion).
        const pending = await handle.db.select({ id: fingerprintStatus.subjectId }).from(fingerprintStatus).where(eq(fingerprintStatus.subjectType, 'work')).limit(rows);
        const sample = pending.filter((_, i) => i % Math.max(1, Math.floor(pending.length / fingerprintSample)) === 0).slice(0, fingerprintSample);
        const fingerprinter = new RegistryFingerprinter({ ...ctx });
        const imagesFirst = [...sample].sort((a, b) => a.id - b.id);
        const started = nowMs();
        const cpu = process.cpuUsage();
        let done = 0;
        for (const { id } of imagesFirst) {
          const outcome = await fingerprinter.run({ type: 'work', id });
          if (outcome.state === 'failed') throw new Error(`fingerprinting failed: ${outcome.errors.join('; ')}`);
          done++;
        }
        const ms = nowMs() - started;
        const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
        fpTable.push([kind, done, Math.round(ms), Number(((done / ms) * 1000).toFixed(2)), Math.round(cpuMs / done)]);
      } finally {
        await handle.close();
        await fs.rm(dir, { recursive: true, force: true });
      }
    }
    return {
      name: 'registry-import',
      tables: [
        { title: `Bulk import of ${rows} works with ${images} images (one transaction per file)`, columns: ['database', 'pass', 'rows', 'read+check ms', 'total ms', 'rows/s', 'created', 'unchanged'], rows: table },
        { title: 'Fingerprinting (FingerprintWork job code, one process), works sampled across the file', columns: ['database', 'works', 'ms', 'works/s', 'CPU ms/work'], rows: fpTable },
      ],
      notes,
    };
  },
};
