import type { StageContext } from '../../core/context.ts';
import { JobName } from '../../core/queue/job-names.ts';
import type { JobHandlers } from '../../core/queue/queue.repository.ts';

/** Mail through the configured SMTP server, and the periodic digest. */
export function createNotifyJobs(_ctx: StageContext): Pick<JobHandlers, JobName.SendMail | JobName.NotifyDigest> {
  return {
    [JobName.SendMail]: async () => {
      throw new Error('mail: not built yet');
    },
    [JobName.NotifyDigest]: async () => {
      throw new Error('digest: not built yet');
    },
  };
}
