import { createRoute, z } from '@hono/zod-openapi';
import { caseServices } from '../../cases/cases.services.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { currentUser, type RouteRegistrar } from '../api.router.ts';
import { attachment } from '../registry/registry.routes.ts';
import { IdParam, conflictResponse, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { DocumentQuery, DraftNoticeBody, NoticeEventBody, NoticeSchema, toNoticeDto } from './case.dto.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const tags = ['notices'];
const CONTENT_TYPES = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;

const draft = createRoute({ method: 'post', path: '/cases/{id}/notices', tags, summary: 'Draft a takedown notice for the case: Art. 113 (authority to intermediary) or Art. 114 (rights holder) (officers)', security: cookieSecurity, middleware: [requireRole(['officer'])] as const, request: { params: IdParam, ...body(DraftNoticeBody) }, responses: { 201: json(NoticeSchema, 'The draft'), ...problemResponses, ...conflictResponse } });
const get = createRoute({ method: 'get', path: '/notices/{id}', tags, summary: 'One notice with its deadlines and the re-check result of every listing', security: cookieSecurity, request: { params: IdParam }, responses: { 200: json(NoticeSchema, 'The notice'), ...problemResponses } });
const document = createRoute({
  method: 'get',
  path: '/notices/{id}/document',
  tags,
  summary: 'The notice as PDF (embedded Vietnamese font) or editable DOCX',
  security: cookieSecurity,
  request: { params: IdParam, query: DocumentQuery },
  responses: { 200: { description: 'The document', content: { [CONTENT_TYPES.pdf]: { schema: z.string().openapi({ format: 'binary' }) }, [CONTENT_TYPES.docx]: { schema: z.string().openapi({ format: 'binary' }) } } }, ...problemResponses },
});
const event = createRoute({
  method: 'post',
  path: '/notices/{id}/events',
  tags,
  summary: 'Record when the notice was sent or received, an objection or a restoration; deadlines are recomputed and re-checks queued (officers)',
  security: cookieSecurity,
  middleware: [requireRole(['officer'])] as const,
  request: { params: IdParam, ...body(NoticeEventBody) },
  responses: { 200: json(NoticeSchema, 'The notice after the event'), ...problemResponses, ...conflictResponse },
});

export const registerNoticeRoutes: RouteRegistrar = (router, services) => {
  const { notices } = caseServices(services);
  router.openapi(draft, async (c) => {
    const user = currentUser(c);
    const created = await notices.draft(user, c.req.valid('param').id, c.req.valid('json'));
    return c.json(toNoticeDto(await notices.view(user, created.id)), 201);
  });
  router.openapi(get, async (c) => c.json(toNoticeDto(await notices.view(currentUser(c), c.req.valid('param').id)), 200));
  router.openapi(document, async (c) => {
    const { format } = c.req.valid('query');
    const file = await notices.document(currentUser(c), c.req.valid('param').id, format);
    return attachment(file.body, CONTENT_TYPES[format], file.filename) as never;
  });
  router.openapi(event, async (c) => {
    const user = currentUser(c);
    const { id } = c.req.valid('param');
    const { event: what, at } = c.req.valid('json');
    await notices.record(user, id, what, at ? new Date(at) : services.deps.now());
    return c.json(toNoticeDto(await notices.view(user, id)), 200);
  });
};
