import { registerSellerRoute } from '../../sellers/seller.route.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { registerAllowRules } from './allow-rules.routes.ts';
import { registerAssignFinding } from './findings.assign.route.ts';
import { registerBulkFindings } from './findings.bulk.route.ts';
import { registerFindingComments } from './findings.comments.route.ts';

/** The review workflow beyond reading and deciding one finding: assign, comment, bulk, allow-list, sellers. */
export const registerReviewRoutes: RouteRegistrar = (router, services) => {
  for (const register of [registerBulkFindings, registerAssignFinding, registerFindingComments, registerAllowRules, registerSellerRoute]) register(router, services);
};
