import { CaptureRepository } from '../../../crawler/capture.repository.ts';
import { CaptureService } from '../../../crawler/capture.service.ts';
import { RunService } from '../../../crawler/run.service.ts';
import { ScheduleService } from '../../../crawler/schedule.service.ts';
import { SourceRepository } from '../../../crawler/source.repository.ts';
import { SourceService, type Actor } from '../../../crawler/source.service.ts';
import { ListingRepository } from '../../../crawler/listing.repository.ts';
import { FindingRepository } from '../../../matcher/finding.repository.ts';
import { roles, type UserRole } from '../../api.schema.ts';
import type { ApiDeps } from '../../app.types.ts';
import type { SessionUser } from '../../app.types.ts';

/** Who may steer monitoring: officers (and administrators, where that role exists). */
export const STEERING_ROLES: readonly UserRole[] = roles.filter((r) => r === 'officer' || (r as string) === 'administrator');
/** Who may look at sources, runs and captures. */
export const MONITORING_READERS: readonly UserRole[] = roles.filter((r) => r !== 'rights_holder');

const cache = new WeakMap<ApiDeps, ReturnType<typeof build>>();

function build(deps: ApiDeps) {
  return {
    sources: new SourceRepository(deps.db),
    sourceService: new SourceService(deps),
    schedules: new ScheduleService(deps.queues),
    runs: new RunService(deps),
    captures: new CaptureRepository(deps.db),
    captureService: new CaptureService(deps),
    listings: new ListingRepository(deps.db),
    findings: new FindingRepository(deps.db),
  };
}

/** The monitoring services of one app, built once from its context. */
export function monitoringServices(deps: ApiDeps) {
  let services = cache.get(deps);
  if (!services) {
    services = build(deps);
    cache.set(deps, services);
  }
  return services;
}

export function actorOf(user: SessionUser): Actor {
  return { userId: user.id, label: user.email, privileged: STEERING_ROLES.includes(user.role) };
}
