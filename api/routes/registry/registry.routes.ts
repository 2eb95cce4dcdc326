import { createRoute, z } from '@hono/zod-openapi';
import { reportJson } from '../../../fingerprints/registry/import/import.service.ts';
import { exportRegistry, registryTemplate } from '../../../fingerprints/registry/import/registry.export.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { problemResponse, toProblem } from '../../problem/problem.handler.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { ProblemSchema, cookieSecurity, problemResponses } from '../problem.dto.ts';
import { toActor } from './registry.actor.ts';
import { ImportRejectedError, readImportUpload, runImport } from './registry.import.ts';
import { uploadProblems } from './registry.responses.ts';

const ImportSummarySchema = z
  .object({
    kind: z.enum(['works', 'marks']),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.array(z.object({ row: z.number().int().openapi({ description: 'Line in the file, header = 1' }), errors: z.array(z.string()) })),
  })
  .openapi('ImportSummary', { description: 'Exactly what `ipwatch registry import --format json` prints' });

const ImportForm = z
  .object({
    file: z.any().openapi({ type: 'string', format: 'binary', description: 'CSV or XLSX of works or marks (told by the header)' }),
    images: z.any().optional().openapi({ type: 'string', format: 'binary', description: 'ZIP of the images the rows name' }),
    dryRun: z.string().optional().openapi({ description: '`true`: check and count only; nothing is written' }),
    _csrf: z.string().optional(),
  })
  .openapi('ImportUpload');

const FileQuery = z.object({ kind: z.enum(['works', 'marks']), format: z.enum(['csv', 'xlsx']).default('csv') });
const fileResponse = (description: string) => ({
  description,
  content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } },
});

const importRoute = createRoute({
  method: 'post',
  path: '/registry/import',
  tags: ['registry'],
  summary: 'Bulk import of works or marks (officers): all or nothing per file; the same file twice changes nothing',
  security: cookieSecurity,
  middleware: [requireRole(['officer'])] as const,
  request: { body: { required: true, content: { 'multipart/form-data': { schema: ImportForm } } } },
  responses: {
    200: { description: 'Imported (or, with dryRun, what would be)', content: { 'application/json': { schema: ImportSummarySchema } } },
    ...problemResponses,
    ...uploadProblems,
    422: { description: 'Rows rejected, nothing written: the problem carries the summary with a reason per row', content: { 'application/problem+json': { schema: ProblemSchema.extend(ImportSummarySchema.shape) } } },
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/registry/export',
  tags: ['registry'],
  summary: 'The registry (what the user may see) as CSV or XLSX in the import columns; formulas neutralised',
  security: cookieSecurity,
  request: { query: FileQuery },
  responses: { 200: fileResponse('The export'), ...problemResponses },
});

const templateRoute = createRoute({
  method: 'get',
  path: '/registry/template',
  tags: ['registry'],
  summary: 'The empty import template with Vietnamese headings',
  security: cookieSecurity,
  request: { query: FileQuery },
  responses: { 200: fileResponse('The template'), ...problemResponses },
});

export function attachment(bytes: Buffer, contentType: string, fileName: string): Response {
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' },
  });
}

export const registerRegistryRoutes: RouteRegistrar = (router, { deps, portal: { registry, importer } }) => {
  router.openapi(importRoute, async (c) => {
    const report = await runImport(importer, currentUser(c), await readImportUpload(c, deps.config));
    const summary = reportJson(report, 'both');
    if (summary.rejected.length) {
      const problem = toProblem(new ImportRejectedError(`${summary.rejected.length} row(s) rejected; nothing was written`));
      return problemResponse(c, { ...problem, ...summary } as typeof problem) as never;
    }
    return c.json(summary, 200);
  });
  router.openapi(exportRoute, async (c) => {
    const { kind, format } = c.req.valid('query');
    const file = await exportRegistry(registry, toActor(currentUser(c)), kind, format, { date: deps.now() });
    return attachment(file.bytes, file.contentType, file.fileName) as never;
  });
  router.openapi(templateRoute, async (c) => {
    const { kind, format } = c.req.valid('query');
    const file = await registryTemplate(kind, format);
    return attachment(file.bytes, file.contentType, file.fileName) as never;
  });
};
