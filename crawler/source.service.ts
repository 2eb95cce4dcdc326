import { AuditRepository } from '../core/audit/audit.repository.ts';
import type { StageContext } from '../core/context.ts';
import type { Database } from '../core/database/database.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors/errors.ts';
import { adapterNames } from './adapters/adapter.registry.ts';
import type { Source, SourceKind } from './crawler.schema.ts';
import { ScheduleService } from './schedule.service.ts';
import { validateCron } from './schedule.cron.ts';
import { buildSearchUrl } from './source.search.ts';
import { SourceRepository, type SourceFields } from './source.repository.ts';
import { parseHttpUrl } from './url-safety.ts';

/** What an officer sends to create or change a source (already shape-checked by zod at the boundary). */
export interface SourceDraft {
  name: string;
  kind: Exclude<SourceKind, 'manual'>;
  /** The start URL (site), or the search URL template / marketplace address (search). */
  startUrl: string;
  query?: string | null | undefined;
  adapter: string;
  schedule?: string | null | undefined;
  maxPages: number;
  maxDepth: number;
  concurrency?: number | null | undefined;
  ratePerMinute?: number | null | undefined;
  ignoreRobots: boolean;
  allowInternal: boolean;
  enabled: boolean;
  ownerUserId?: number | null | undefined;
}

export interface Actor {
  userId: number | null;
  label: string;
  /** Officers (and administrators) may mark sources internal and override robots.txt. */
  privileged: boolean;
}

/** Fields compared for the audit trail and shown to officers. */
function auditView(s: Source) {
  const { createdAt: _c, updatedAt: _u, ...rest } = s;
  return rest;
}

/**
 * Sources as officers manage them: validated (cron in Vietnam time, adapter, search query, internal and
 * robots flags by privileged users only), written with an audit event in the same transaction, and
 * their BullMQ scheduler kept in step.
 */
export class SourceService {
  private readonly sources: SourceRepository;
  private readonly schedules: ScheduleService;
  constructor(private readonly ctx: StageContext) {
    this.sources = new SourceRepository(ctx.db);
    this.schedules = new ScheduleService(ctx.queues);
  }

  /** Checks and normalises a draft into the stored fields. */
  fields(draft: SourceDraft, actor: Actor, before?: Source): SourceFields {
    const adapter = draft.adapter || 'generic';
    if (!adapterNames().includes(adapter)) throw new ValidationError(`unknown site adapter "${adapter}"; known: ${adapterNames().join(', ')}`, { adapter });
    let startUrl: string;
    let searchTemplate: string | null = null;
    let query: string | null = null;
    if (draft.kind === 'search') {
      if (!draft.query) throw new ValidationError('a search source needs a query');
      const built = buildSearchUrl(draft.startUrl, draft.query);
      startUrl = built.url;
      searchTemplate = built.template;
      query = draft.query.trim();
    } else {
      startUrl = parseHttpUrl(draft.startUrl.trim()).toString();
    }
    if (startUrl.length > 2000) throw new ValidationError('the start URL is longer than 2000 characters');
    const schedule = draft.schedule && draft.schedule.trim() ? validateCron(draft.schedule) : null;
    const changesInternal = draft.allowInternal !== (before?.allowInternal ?? false);
    const changesRobots = draft.ignoreRobots !== (before?.ignoreRobots ?? false);
    if ((changesInternal || changesRobots) && !actor.privileged) {
      throw new ForbiddenError('only officers may mark a source internal or override its robots.txt');
    }
    return {
      name: draft.name.trim(),
      kind: draft.kind,
      startUrl,
      searchTemplate,
      query,
      adapter,
      schedule,
      maxPages: draft.maxPages,
      maxDepth: draft.maxDepth,
      concurrency: draft.concurrency ?? null,
      ratePerMinute: draft.ratePerMinute ?? null,
      ignoreRobots: draft.ignoreRobots,
      allowInternal: draft.allowInternal,
      enabled: draft.enabled,
      ownerUserId: draft.ownerUserId ?? before?.ownerUserId ?? actor.userId,
    };
  }

  async create(draft: SourceDraft, actor: Actor): Promise<Source> {
    const fields = this.fields(draft, actor);
    const source = await this.ctx.db.transaction(async (tx) => {
      const created = await new SourceRepository(tx as unknown as Database).createSource(fields, this.ctx.now());
      if (!created) throw new ConflictError(`a source with start URL ${fields.startUrl} and adapter ${fields.adapter} exists already`);
      await this.audit(tx as unknown as Database, actor, 'source.create', created.id, undefined, auditView(created));
      return created;
    });
    await this.schedules.sync(source);
    return source;
  }

  async update(id: number, draft: SourceDraft, actor: Actor): Promise<Source> {
    const before = await this.getOrThrow(id);
    if (before.kind === 'manual') throw new ValidationError('the manual-captures source cannot be edited');
    const fields = this.fields(draft, actor, before);
    const clash = await this.sources.findByStartUrl(fields.startUrl, fields.adapter ?? 'generic');
    if (clash && clash.id !== id) throw new ConflictError(`source ${clash.id} already has start URL ${fields.startUrl} and adapter ${fields.adapter}`);
    const source = await this.ctx.db.transaction(async (tx) => {
      const updated = (await new SourceRepository(tx as unknown as Database).updateSource(id, fields, this.ctx.now()))!;
      await this.audit(tx as unknown as Database, actor, before.ignoreRobots !== updated.ignoreRobots ? 'source.robots_override' : 'source.update', id, auditView(before), auditView(updated));
      return updated;
    });
    await this.schedules.sync(source);
    return source;
  }

  async remove(id: number, actor: Actor): Promise<void> {
    const before = await this.getOrThrow(id);
    if (before.kind === 'manual') throw new ValidationError('the manual-captures source cannot be deleted');
    await this.ctx.db.transaction(async (tx) => {
      await new SourceRepository(tx as unknown as Database).deleteSource(id);
      await this.audit(tx as unknown as Database, actor, 'source.delete', id, auditView(before), undefined);
    });
    await this.schedules.remove(id);
  }

  async getOrThrow(id: number): Promise<Source> {
    const source = await this.sources.getSource(id);
    if (!source) throw new NotFoundError(`source ${id} not found`);
    return source;
  }

  private async audit(db: Database, actor: Actor, action: string, id: number, before: unknown, after: unknown): Promise<void> {
    await new AuditRepository(db, this.ctx.now).record(db, { actor: { userId: actor.userId, label: actor.label }, action, entity: { type: 'crawler.source', id }, before, after });
  }
}
