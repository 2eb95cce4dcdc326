import type { StageContext } from '../../core/context.ts';
import { JobName } from '../../core/queue/job-names.ts';
import type { JobHandlers } from '../../core/queue/queue.repository.ts';
import { DigestService } from './digest.service.ts';
import { MailService, type MailOptions } from './mail.service.ts';

/** Mail through the configured SMTP server, and the periodic digest. */
export function createNotifyJobs(ctx: StageContext, options: MailOptions = {}): Pick<JobHandlers, JobName.SendMail | JobName.NotifyDigest> {
  const mail = new MailService(ctx, options);
  const digest = new DigestService(ctx, mail);
  return {
    [JobName.SendMail]: async ({ mailId }, job) => mail.send(mailId, job),
    [JobName.NotifyDigest]: async ({ at }) => digest.run(at ? new Date(at) : ctx.now()),
  };
}
