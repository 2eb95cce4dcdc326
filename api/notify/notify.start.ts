import type { StageContext } from '../../core/context.ts';
import { scheduleDigest } from './digest.service.ts';
import { MailService } from './mail.service.ts';

/**
 * When a notifier starts: the digest's scheduler is upserted (idempotent: every notifier may do it) and
 * every unsent mail gets a job again. The scheduler's next firing is a delayed job that
 * QueueRepository.idle() does not count, so `ipwatch start --once` still ends.
 */
export async function startNotifier(ctx: StageContext): Promise<{ requeued: number }> {
  await scheduleDigest(ctx);
  const mail = new MailService(ctx);
  try {
    return { requeued: await mail.requeueUnsent() };
  } finally {
    mail.close();
  }
}
