import type { ApiServices } from '../api.services.ts';
import { CaseService } from './case.service.ts';
import { NoticeService } from './notice.service.ts';

export interface CaseServices {
  cases: CaseService;
  notices: NoticeService;
}

const built = new WeakMap<object, CaseServices>();

/** One CaseService/NoticeService per app (keyed by its deps), shared by the REST routes and the pages. */
export function caseServices(services: Pick<ApiServices, 'deps' | 'access' | 'works' | 'listings'>): CaseServices {
  let found = built.get(services.deps);
  if (!found) {
    const deps = { ctx: services.deps, access: services.access, works: services.works, listings: services.listings };
    const cases = new CaseService(deps);
    found = { cases, notices: new NoticeService(deps, cases) };
    built.set(services.deps, found);
  }
  return found;
}
