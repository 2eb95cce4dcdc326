import type { Job } from 'bullmq';
import type { StageContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors/errors.ts';
import { JobName, QueueName } from '../../core/queue/job-names.ts';
import { MailRepository } from './mail.repository.ts';
import { createSmtpTransport, type MailTransport } from './mail.transport.ts';
import type { Mail, NewMail } from './notify.schema.ts';

export interface MailOptions {
  /** BullMQ attempts per enqueue; after them the row is 'failed' and the next requeue tries again. */
  attempts?: number;
  /** First backoff delay; doubles every attempt (10 s … ~21 min over 8 attempts by default). */
  backoffMs?: number;
  /** Tests: a transport other than SMTP. */
  transport?: MailTransport;
}

const CLAIM_LOCK_MS = 2 * 60_000;
export const mailJobId = (mailId: number) => `mail-${mailId}`;

export type SendResult = { sent: true; messageId: string | undefined } | { sent: false; reason: 'no-smtp' | 'not-claimable' };

/**
 * Mail goes into the outbox first and is sent by the SendMail job: an SMTP outage delays mail (BullMQ
 * retries with exponential backoff), never loses it, and never slows a request down.
 */
export class MailService {
  readonly repository: MailRepository;
  private transport: MailTransport | undefined;
  private readonly attempts: number;
  private readonly backoffMs: number;

  constructor(
    private readonly ctx: StageContext,
    options: MailOptions = {},
  ) {
    this.repository = new MailRepository(ctx.db);
    this.transport = options.transport;
    this.attempts = options.attempts ?? 8;
    this.backoffMs = options.backoffMs ?? 10_000;
  }

  /** Stores a mail and asks for it to be sent; the row is the message, the job only carries its id. */
  async queue(mail: Pick<NewMail, 'recipient' | 'subject' | 'textBody' | 'htmlBody' | 'kind'>): Promise<Mail> {
    const row = await this.repository.insert(mail);
    await this.enqueue(row.id);
    return row;
  }

  /**
   * One live SendMail job per mail: a finished job of the same id (completed while no SMTP was set, or
   * failed after its attempts) is replaced, a waiting or retrying one is left alone.
   */
  async enqueue(mailId: number): Promise<void> {
    const jobId = mailJobId(mailId);
    const existing = await this.ctx.queues.queue(QueueName.Notify).getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      await existing.remove().catch(() => undefined);
    }
    await this.ctx.queues.add(JobName.SendMail, { mailId }, { jobId, attempts: this.attempts, backoff: { type: 'exponential', delay: this.backoffMs } });
  }

  /** Every mail not sent yet gets a job again (notifier start, every digest run): nothing is left behind. */
  async requeueUnsent(): Promise<number> {
    if (!this.ctx.config.smtpUrl && !this.transport) return 0;
    const rows = await this.repository.unsent(this.ctx.now());
    for (const row of rows) await this.enqueue(row.id);
    return rows.length;
  }

  /** The SendMail job: one attempt; a failure is recorded on the row and rethrown for BullMQ's backoff. */
  async send(mailId: number, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<SendResult> {
    const transport = this.transportOrNone();
    if (!transport) {
      this.ctx.logger.info({ mailId }, 'no SMTP server configured: mail stays in the outbox');
      return { sent: false, reason: 'no-smtp' };
    }
    const mail = await this.repository.claim(mailId, this.ctx.now(), CLAIM_LOCK_MS);
    if (!mail) return { sent: false, reason: 'not-claimable' };
    try {
      const info = await transport.send({ from: this.ctx.config.mailFrom, to: mail.recipient, subject: mail.subject, text: mail.textBody, html: mail.htmlBody });
      await this.repository.markSent(mail.id, this.ctx.now(), info.messageId);
      return { sent: true, messageId: info.messageId };
    } catch (error) {
      const final = job ? job.attemptsMade + 1 >= (job.opts.attempts ?? 1) : true;
      await this.repository.markFailed(mail.id, this.ctx.now(), errorMessage(error), final);
      this.ctx.logger.warn({ mailId, attempt: mail.attempts, final, err: error }, 'mail not sent, will retry');
      throw error;
    }
  }

  close(): void {
    this.transport?.close();
  }

  private transportOrNone(): MailTransport | undefined {
    if (!this.transport && this.ctx.config.smtpUrl) this.transport = createSmtpTransport(this.ctx.config.smtpUrl);
    return this.transport;
  }
}
