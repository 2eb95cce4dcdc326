import { createRoute, z } from '@hono/zod-openapi';
import { caseServices } from '../../cases/cases.services.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { currentUser, type RouteRegistrar } from '../api.router.ts';
import { IdParam, conflictResponse, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { CaseDetailSchema, CaseFindingParams, CaseListQuery, CaseSchema, CloseCaseBody, CreateCaseBody, FindingIdsBody, toCaseDetailDto, toCaseDto } from './case.dto.ts';
import { registerCalendarRoutes } from './calendar.routes.ts';
import { registerNoticeRoutes } from './notices.routes.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const tags = ['cases'];

const list = createRoute({ method: 'get', path: '/cases', tags, summary: 'Cases, newest first; overdue ones flagged (a rights holder sees only cases wholly on their works/marks)', security: cookieSecurity, request: { query: CaseListQuery }, responses: { 200: json(z.object({ items: z.array(CaseSchema) }), 'Cases'), ...problemResponses } });
const create = createRoute({ method: 'post', path: '/cases', tags, summary: 'Open a case from findings, picked by hand or grouped by seller, platform or work (officers)', security: cookieSecurity, middleware: [requireRole(['officer'])] as const, request: body(CreateCaseBody), responses: { 201: json(CaseDetailSchema, 'The new case'), ...problemResponses } });
const get = createRoute({ method: 'get', path: '/cases/{id}', tags, summary: 'One case with its findings, notices, deadlines and re-check results', security: cookieSecurity, request: { params: IdParam }, responses: { 200: json(CaseDetailSchema, 'The case'), ...problemResponses } });
const addFindings = createRoute({ method: 'post', path: '/cases/{id}/findings', tags, summary: 'Add findings to an open case (officers)', security: cookieSecurity, middleware: [requireRole(['officer'])] as const, request: { params: IdParam, ...body(FindingIdsBody) }, responses: { 200: json(CaseDetailSchema, 'The case'), ...problemResponses, ...conflictResponse } });
const removeFinding = createRoute({ method: 'delete', path: '/cases/{id}/findings/{findingId}', tags, summary: 'Take a finding out of an open case (officers)', security: cookieSecurity, middleware: [requireRole(['officer'])] as const, request: { params: CaseFindingParams }, responses: { 200: json(CaseDetailSchema, 'The case'), ...problemResponses, ...conflictResponse } });
const close = createRoute({ method: 'post', path: '/cases/{id}/close', tags, summary: 'Close a case with its outcome (officers)', security: cookieSecurity, middleware: [requireRole(['officer'])] as const, request: { params: IdParam, ...body(CloseCaseBody) }, responses: { 200: json(CaseDetailSchema, 'The closed case'), ...problemResponses, ...conflictResponse } });

/** Cases, notices and the working-day calendar under /api/v1 (issue 9). */
export const registerCaseRoutes: RouteRegistrar = (router, services) => {
  const { cases } = caseServices(services);
  router.openapi(list, async (c) => {
    const { status, limit } = c.req.valid('query');
    return c.json({ items: (await cases.list(currentUser(c), { status, limit })).map(toCaseDto) }, 200);
  });
  router.openapi(create, async (c) => {
    const user = currentUser(c);
    const created = await cases.create(user, c.req.valid('json'));
    return c.json(toCaseDetailDto(await cases.detail(user, created.id)), 201);
  });
  router.openapi(get, async (c) => c.json(toCaseDetailDto(await cases.detail(currentUser(c), c.req.valid('param').id)), 200));
  router.openapi(addFindings, async (c) => {
    const user = currentUser(c);
    const { id } = c.req.valid('param');
    await cases.addFindings(user, id, c.req.valid('json').findingIds);
    return c.json(toCaseDetailDto(await cases.detail(user, id)), 200);
  });
  router.openapi(removeFinding, async (c) => {
    const user = currentUser(c);
    const { id, findingId } = c.req.valid('param');
    await cases.removeFinding(user, id, findingId);
    return c.json(toCaseDetailDto(await cases.detail(user, id)), 200);
  });
  router.openapi(close, async (c) => {
    const user = currentUser(c);
    const { id } = c.req.valid('param');
    const { outcome, note } = c.req.valid('json');
    await cases.close(user, id, outcome, note);
    return c.json(toCaseDetailDto(await cases.detail(user, id)), 200);
  });
  registerNoticeRoutes(router, services);
  registerCalendarRoutes(router, services);
};
