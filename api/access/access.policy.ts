import { ForbiddenError, NotFoundError } from '../../core/errors/errors.ts';
import type { Asset } from '../../fingerprints/fingerprints.schema.ts';
import type { RegistryRepository } from '../../fingerprints/registry/registry.repository.ts';
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
    private readonly marks?: Pick<RegistryRepository, 'mark'>,
  ) {}

  /** Inspectors read only; everyone else writes within what they see (the registry service checks again). */
  assertCanWrite(user: SessionUser): void {
    if (user.role === 'inspector') throw new ForbiddenError('inspectors have read-only access');
    if (user.role === 'rights_holder' && user.ownerId == null) throw new ForbiddenError('this account is not linked to a rights holder yet');
  }

  async canSeeMark(user: SessionUser, markId: number): Promise<boolean> {
    if (user.role !== 'rights_holder') return true;
    if (user.ownerId == null || !this.marks) return false;
    const mark = await this.marks.mark(markId);
    return mark?.ownerId === user.ownerId;
  }

  /** A finding is about a work or a mark; either way the rights holder must hold it. */
  async canSeeSubject(user: SessionUser, subject: { workId: number | null; markId?: number | null }): Promise<boolean> {
    if (subject.workId != null) return this.canSeeWork(user, subject.workId);
    if (subject.markId != null) return this.canSeeMark(user, subject.markId);
    return user.role !== 'rights_holder';
  }

  async assertAsset(user: SessionUser, asset: Pick<Asset, 'id' | 'workId' | 'markId'>): Promise<void> {
    if (!(await this.canSeeSubject(user, asset))) throw new NotFoundError(`asset ${asset.id} not found`);
  }

  /** Work ids the user may see; undefined means all of them. */
  async workScope(user: SessionUser): Promise<number[] | undefined> {
    if (user.role !== 'rights_holder') return undefined;
    if (user.ownerId == null) return [];
    return this.works.workIdsOfOwner(user.ownerId);
  }

  /** Mark ids the user may see; undefined means all of them. */
  async markScope(user: SessionUser): Promise<number[] | undefined> {
    if (user.role !== 'rights_holder') return undefined;
    if (user.ownerId == null) return [];
    return this.works.markIdsOfOwner(user.ownerId);
  }

  /** Both halves of a rights holder's scope; undefined for everyone who sees everything. */
  async findingScope(user: SessionUser): Promise<{ workIds: number[]; markIds: number[] } | undefined> {
    const [workIds, markIds] = await Promise.all([this.workScope(user), this.markScope(user)]);
    return workIds === undefined || markIds === undefined ? undefined : { workIds, markIds };
  }

  async canSeeWork(user: SessionUser, workId: number): Promise<boolean> {
    const scope = await this.workScope(user);
    return scope === undefined || scope.includes(workId);
  }

  /** A listing concerns a rights holder only when it has a finding on one of their works or marks. */
  async canSeeListing(user: SessionUser, listingId: number): Promise<boolean> {
    const scope = await this.findingScope(user);
    if (scope === undefined) return true;
    const found = await this.findings.list({ listingId, ...scope, limit: 1 });
    return found.length > 0;
  }

  async visibleFinding(user: SessionUser, id: number): Promise<Finding> {
    const finding = await this.findings.get(id);
    if (!finding || !(await this.canSeeSubject(user, finding))) throw new NotFoundError(`finding ${id} not found`);
    return finding;
  }

  async assertListing(user: SessionUser, listingId: number, what = `listing ${listingId}`): Promise<void> {
    if (!(await this.canSeeListing(user, listingId))) throw new NotFoundError(`${what} not found`);
  }

  async assertWork(user: SessionUser, workId: number, what = `work ${workId}`): Promise<void> {
    if (!(await this.canSeeWork(user, workId))) throw new NotFoundError(`${what} not found`);
  }
}
