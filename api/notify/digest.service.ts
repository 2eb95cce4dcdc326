import type { StageContext } from '../../core/context.ts';
import { JobName, QueueName } from '../../core/queue/job-names.ts';
import { findingsDigest, overdueDigest, type ComposedMail } from './digest.mail.ts';
import { DigestRepository } from './digest.repository.ts';
import { MailRepository } from './mail.repository.ts';
import type { MailService } from './mail.service.ts';

export const DIGEST_SCHEDULER_ID = 'notify-digest';
export const DIGEST_TZ = 'Asia/Ho_Chi_Minh';

export interface DigestResult {
  holderMails: number;
  officerMails: number;
  findings: number;
  overdue: number;
  requeued: number;
}

/**
 * The periodic digest: each active rights holder hears of new findings on their own works and marks,
 * each officer of overdue notices. Items are claimed in the same transaction as the mail row, so a run
 * repeated (or two at once) sends nothing twice.
 */
export class DigestService {
  private readonly digests: DigestRepository;
  private readonly outbox: MailRepository;

  constructor(
    private readonly ctx: StageContext,
    private readonly mail: MailService,
  ) {
    this.digests = new DigestRepository(ctx.db);
    this.outbox = new MailRepository(ctx.db);
  }

  private get baseUrl(): string {
    return (this.ctx.config.publicUrl ?? `http://${this.ctx.config.host === '127.0.0.1' ? 'localhost' : this.ctx.config.host}:${this.ctx.config.port}`).replace(/\/$/, '');
  }

  async run(at: Date = this.ctx.now()): Promise<DigestResult> {
    const result: DigestResult = { holderMails: 0, officerMails: 0, findings: 0, overdue: 0, requeued: 0 };
    const mailIds: number[] = [];
    for (const holder of await this.digests.activeHolders()) {
      const found = await this.digests.untoldFindings(holder.id, holder.ownerId!, at);
      const sent = await this.claimAndStore(holder.id, holder.email, 'finding', found.map((f) => ({ key: String(f.id), item: f })), (items) =>
        findingsDigest({ name: holder.name, findings: items, total: items.length, baseUrl: this.baseUrl }),
      );
      if (sent) {
        mailIds.push(sent.mailId);
        result.holderMails++;
        result.findings += sent.count;
      }
    }
    for (const officer of await this.digests.activeOfficers()) {
      const overdue = await this.digests.untoldOverdue(officer.id, at);
      const sent = await this.claimAndStore(officer.id, officer.email, 'overdue', overdue.map((o) => ({ key: o.key, item: o })), (items) =>
        overdueDigest({ name: officer.name, notices: items, baseUrl: this.baseUrl }),
      );
      if (sent) {
        mailIds.push(sent.mailId);
        result.officerMails++;
        result.overdue += sent.count;
      }
    }
    // Jobs only after the rows are committed, so a worker never looks for a mail that is not there yet.
    for (const id of mailIds) await this.mail.enqueue(id);
    result.requeued = await this.mail.requeueUnsent();
    this.ctx.logger.info(result, 'digest done');
    return result;
  }

  private async claimAndStore<T>(
    userId: number,
    email: string,
    kind: 'finding' | 'overdue',
    candidates: { key: string; item: T }[],
    compose: (items: T[]) => ComposedMail,
  ): Promise<{ mailId: number; count: number } | undefined> {
    if (!candidates.length) return undefined;
    const now = this.ctx.now();
    return this.ctx.db.transaction(async (tx) => {
      const won = await this.digests.claim(tx, userId, kind, candidates.map((c) => c.key), now);
      const items = candidates.filter((c) => won.has(c.key));
      if (!items.length) return undefined;
      const mail = compose(items.map((c) => c.item));
      const row = await this.outbox.insert({ recipient: email, kind: kind === 'finding' ? 'digest_findings' : 'digest_overdue', ...mail }, tx);
      await this.digests.attachMail(tx, userId, kind, items.map((c) => c.key), row.id);
      return { mailId: row.id, count: items.length };
    });
  }
}

/** One BullMQ job scheduler for the digest (cron in Vietnam time): any number of notifiers fire it once. */
export async function scheduleDigest(ctx: StageContext): Promise<void> {
  await ctx.queues
    .queue(QueueName.Notify)
    .upsertJobScheduler(DIGEST_SCHEDULER_ID, { pattern: ctx.config.digestCron, tz: DIGEST_TZ }, { name: JobName.NotifyDigest, data: {} });
}
