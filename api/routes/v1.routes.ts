import type { ApiServices } from '../api.services.ts';
import { requireRole } from '../middleware/require-role/require-role.middleware.ts';
import { createApiRouter, type ApiRouter } from './api.router.ts';
import { registerGetFinding } from './findings/findings.get.route.ts';
import { registerListFindings } from './findings/findings.list.route.ts';
import { registerReviewFinding } from './findings/findings.review.route.ts';
import { registerGetListing } from './listings/listings.get.route.ts';
import { registerListListings } from './listings/listings.list.route.ts';
import { registerGetWork } from './works/works.get.route.ts';
import { registerListWorks } from './works/works.list.route.ts';
import { registerPortalRoutes } from './registry/portal.routes.ts';
import { registerMonitoringRoutes } from './sources/monitoring.routes.ts';
import { registerReportRoutes } from './reports/reports.routes.ts';
import { registerCaseRoutes } from './cases/cases.routes.ts';
import { registerReviewRoutes } from './findings/review.routes.ts';
import { registerPacketRoutes } from './packets/packets.routes.ts';

/** REST v1, mounted under /api/v1; every route needs a signed-in user. */
export function createV1Router(services: ApiServices): ApiRouter {
  const router = createApiRouter();
  router.use('*', requireRole());
  for (const register of [registerListWorks, registerGetWork, registerListListings, registerGetListing, registerListFindings, registerGetFinding, registerReviewFinding]) {
    register(router, services);
  }
  registerPortalRoutes(router, services);
  registerMonitoringRoutes(router, services);
  registerReportRoutes(router, services);
  registerCaseRoutes(router, services);
  registerReviewRoutes(router, services);
  registerPacketRoutes(router, services);
  return router;
}
