import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.ts';
import { createStageTestContext } from '../fingerprint.service.fixture.ts';
import { fingerprints, fingerprintStatus } from '../fingerprints.schema.ts';
import { RegistryFingerprinter } from './registry.fingerprint.ts';
import { RegistryService } from './registry.service.ts';
import type { RegistryActor } from './registry.types.ts';

vi.setConfig({ testTimeout: 120_000 });

const officer: RegistryActor = { userId: 1, role: 'officer', ownerId: null, label: 'officer' };
const POEM = 'Bến sông quê mẹ chiều nay, con đò nhỏ chở đầy mây trắng về làng.';

describe.each(databaseKinds())('registry fingerprinter on %s', (kind) => {
  let env: Awaited<ReturnType<typeof createStageTestContext>> | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('a job for an older request steps aside; racing runs of one request never collide', async () => {
    env = await createStageTestContext(kind);
    const registry = new RegistryService({ ...env.ctx, queues: undefined });
    const work = await registry.createWork(officer, { title: 'Bến sông', type: 'literary', owners: ['Nhà thơ'] });
    const generation = async () => (await env!.ctx.db.select().from(fingerprintStatus).where(eq(fingerprintStatus.subjectId, work.id)))[0]!.generation;
    const first = await generation();
    // A text asset added while the first job waits: a newer request (the CI race of session 2).
    const asset = await registry.addWorkAsset(officer, work.id, { kind: 'text', text: POEM });
    const newer = await generation();
    expect(newer).toBeGreaterThan(first);

    const fingerprinter = new RegistryFingerprinter(env.ctx);
    const stale = await fingerprinter.run({ type: 'work', id: work.id }, first);
    expect(stale.state).toBe('superseded');
    expect(await env.ctx.db.select().from(fingerprints).where(eq(fingerprints.assetId, asset.id))).toEqual([]);

    // Two deliveries of the newest request at once (a stalled job retried): both finish, one row stays.
    const outcomes = await Promise.all([
      fingerprinter.run({ type: 'work', id: work.id }, newer),
      new RegistryFingerprinter(env.ctx).run({ type: 'work', id: work.id }, newer),
    ]);
    expect(outcomes.map((o) => o.errors)).toEqual([[], []]);
    expect(await env.ctx.db.select().from(fingerprints).where(eq(fingerprints.assetId, asset.id))).toHaveLength(1);
    expect((await registry.getWork(officer, work.id)).fingerprint).toMatchObject({ state: 'ready', fingerprints: 1, error: null });
  });
});
