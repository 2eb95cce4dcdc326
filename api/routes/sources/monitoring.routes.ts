import type { RouteRegistrar } from '../api.router.ts';
import { registerCaptureRoutes } from '../captures/captures.routes.ts';
import { registerRunRoutes } from '../runs/runs.routes.ts';
import { registerSourceSessionRoutes } from './source-session.routes.ts';
import { registerSourceRoutes } from './sources.routes.ts';

/** Sources, runs and manual captures under /api/v1 (issue 8: monitoring officers can steer). */
export const registerMonitoringRoutes: RouteRegistrar = (router, services) => {
  registerSourceRoutes(router, services);
  registerSourceSessionRoutes(router, services);
  registerRunRoutes(router, services);
  registerCaptureRoutes(router, services);
};
