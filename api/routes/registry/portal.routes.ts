import type { ApiRouter } from '../api.router.ts';
import type { ApiServices } from '../../api.services.ts';
import { registerAccountRoutes } from '../accounts/accounts.routes.ts';
import { registerReadMarks } from '../marks/marks.read.route.ts';
import { registerWriteMarks } from '../marks/marks.write.route.ts';
import { registerWorkAssets } from '../works/works.assets.route.ts';
import { registerWriteWorks } from '../works/works.write.route.ts';
import { registerMe } from '../accounts/me.route.ts';
import { registerRegistryRoutes } from './registry.routes.ts';

/** Every registry and rights-holder portal route of REST v1 (works list/get are in the v1 list already). */
export function registerPortalRoutes(router: ApiRouter, services: ApiServices): void {
  for (const register of [registerWriteWorks, registerWorkAssets, registerReadMarks, registerWriteMarks, registerAccountRoutes, registerMe, registerRegistryRoutes]) register(router, services);
}
