import type { StageContext } from '../../core/context.ts';
import { JobName } from '../../core/queue/job-names.ts';
import type { JobHandlers } from '../../core/queue/queue.repository.ts';

/** Re-checks of the listings a notice names, once its deadlines pass. */
export function createNoticeJobs(_ctx: StageContext): Pick<JobHandlers, JobName.RecheckNotice> {
  return {
    [JobName.RecheckNotice]: async () => {
      throw new Error('notice re-check: not built yet');
    },
  };
}
