import { NotFoundError } from '../../core/errors/errors.ts';
import type { WorkRepository } from '../../fingerprints/work.repository.ts';
import type { FindingRepository } from '../../matcher/finding.repository.ts';
import type { Finding } from '../../matcher/matcher.schema.ts';
import type { SessionUser } from '../app.types.ts';

/**
 * Who sees what. Officers and inspectors see everything; a rights holder sees only what concerns the
 * works of the owner they belong to. Anything outside their scope is reported as "not found", never
 * "forbidden", so they cannot learn that another owner's finding exists.
 */
export class AccessPolicy {
  constructor(
    private readonly works: WorkRepository,
    private readonly findings: FindingRepository,
  ) {}

  /** Work ids the user may see; undefined means all of them. */
  async workScope(user: SessionUser): Promise<number[] | undefined> {
    if (user.role !== 'rights_holder') return undefined;
    if (user.ownerId == null) return [];
    return this.works.workIdsOfOwner(user.ownerId);
  }

  async canSeeWork(user: SessionUser, workId: number): Promise<boolean> {
    const scope = await this.workScope(user);
    return scope === undefined || scope.includes(workId);
  }

  /** A listing concerns a rights holder only when it has a finding on one of their works. */
  async canSeeListing(user: SessionUser, listingId: number): Promise<boolean> {
    const scope = await this.workScope(user);
    if (scope === undefined) return true;
    const found = await this.findings.list({ listingId, workIds: scope, limit: 1 });
    return found.length > 0;
  }

  async visibleFinding(user: SessionUser, id: number): Promise<Finding> {
    const finding = await this.findings.get(id);
    if (!finding || !(await this.canSeeWork(user, finding.workId))) throw new NotFoundError(`finding ${id} not found`);
    return finding;
  }

  async assertListing(user: SessionUser, listingId: number, what = `listing ${listingId}`): Promise<void> {
    if (!(await this.canSeeListing(user, listingId))) throw new NotFoundError(`${what} not found`);
  }

  async assertWork(user: SessionUser, workId: number, what = `work ${workId}`): Promise<void> {
    if (!(await this.canSeeWork(user, workId))) throw new NotFoundError(`${what} not found`);
  }
}
