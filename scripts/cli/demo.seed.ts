import fs from 'node:fs/promises';
import { UserRepository } from '../../api/user.repository.ts';
import type { StageContext } from '../../core/context.ts';
import { FingerprintService } from '../../fingerprints/fingerprint.service.ts';
import { WorkRepository } from '../../fingerprints/work.repository.ts';
import { demoOwners, demoUsers, demoWorks } from '../demo/registry/demo-registry.ts';

export interface DemoSeed {
  works: number;
  created: number;
  accounts: { email: string; password: string; role: string }[];
}

/**
 * Loads the demo registry and accounts through the stages' own services (the same path an officer's
 * registration takes). Idempotent: works are found again by certificate or title + owner, users by email.
 */
export async function seedDemo(ctx: StageContext): Promise<DemoSeed> {
  const works = new WorkRepository(ctx.db);
  for (const owner of demoOwners) await works.upsertOwner(owner.name, owner.kind);
  const fingerprints = new FingerprintService(ctx);
  let created = 0;
  for (const work of demoWorks) {
    const bytes = await fs.readFile(work.imageFile);
    const result = await fingerprints.registerWork({
      title: work.title,
      type: work.type,
      authors: work.authors,
      owners: work.owners,
      certificateNo: work.certificateNo ?? undefined,
      certificateDate: work.certificateDate ?? undefined,
      description: work.description,
      text: work.text ?? undefined,
      keywords: work.keywords,
      images: [{ name: `${work.key}.jpg`, bytes: new Uint8Array(bytes) }],
    });
    if (result.created) created++;
  }
  const users = new UserRepository(ctx.db);
  for (const user of demoUsers) {
    const owner = user.ownerName ? await works.findOwnerByName(user.ownerName) : undefined;
    if (user.ownerName && !owner) throw new Error(`demo owner missing: ${user.ownerName}`);
    await users.createUser({ email: user.email, name: user.displayName, role: user.role, ownerId: owner?.id ?? null, password: user.password });
  }
  return {
    works: demoWorks.length,
    created,
    accounts: demoUsers.map((u) => ({ email: u.email, password: u.password, role: u.role })),
  };
}
