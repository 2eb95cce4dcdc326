import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { yearlyReportPdf } from '../../reports/report.pdf.ts';
import { MAX_YEAR, MIN_YEAR, ReportService, vietnamYear } from '../../reports/report.service.ts';
import { yearlyReportXlsx } from '../../reports/report.xlsx.ts';
import type { RouteRegistrar } from '../api.router.ts';
import { currentUser } from '../api.router.ts';
import { cookieSecurity, problemResponses } from '../problem.dto.ts';
import { attachment } from '../registry/registry.routes.ts';

const RowSchema = z
  .object({
    key: z.string().nullable().openapi({ description: 'Bucket: month 1–12, work type code (or `mark`), mark, platform, commune/ward, outcome; null = unknown' }),
    findings: z.number().int(),
    notices: z.number().int(),
    removals: z.number().int(),
    avgHoursToRemoval: z.number().nullable(),
    medianHoursToRemoval: z.number().nullable(),
  })
  .openapi('ReportRow');

const ReportSchema = z
  .object({
    year: z.number().int(),
    generatedAt: z.string(),
    scope: z.enum(['all', 'own']).openapi({ description: '`own`: a rights holder, only their works and marks' }),
    totals: RowSchema,
    breakdowns: z.object({ month: z.array(RowSchema), workType: z.array(RowSchema), mark: z.array(RowSchema), platform: z.array(RowSchema), commune: z.array(RowSchema), outcome: z.array(RowSchema) }),
  })
  .openapi('YearlyReport');

export const YearQuery = z.object({
  year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional().openapi({ param: { name: 'year', in: 'query' }, example: 2026, description: 'Default: the current year in Vietnam' }),
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const READERS = ['officer', 'inspector'] as const;

const jsonRoute = createRoute({
  method: 'get',
  path: '/reports/yearly',
  tags: ['reports'],
  summary: 'Yearly report: findings, notices, removals and time to removal by month, work type, mark, platform, commune/ward and outcome (a rights holder: their own works and marks only)',
  security: cookieSecurity,
  request: { query: YearQuery },
  responses: { 200: { description: 'The figures', content: { 'application/json': { schema: ReportSchema } } }, ...problemResponses },
});

const xlsxRoute = createRoute({
  method: 'get',
  path: '/reports/yearly.xlsx',
  tags: ['reports'],
  summary: 'The yearly report as XLSX, one sheet per breakdown (a rights holder: their own figures)',
  security: cookieSecurity,
  request: { query: YearQuery },
  responses: { 200: { description: 'XLSX', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } }, ...problemResponses },
});

const pdfRoute = createRoute({
  method: 'get',
  path: '/reports/yearly.pdf',
  tags: ['reports'],
  summary: "The yearly report to the Chairman of the provincial People's Committee, as PDF (officers and inspectors)",
  security: cookieSecurity,
  middleware: [requireRole(READERS)] as const,
  request: { query: YearQuery },
  responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, ...problemResponses },
});

export const registerReportRoutes: RouteRegistrar = (router, { deps, access }) => {
  const reports = new ReportService(deps.db, access, deps.now);
  const yearOf = (year: number | undefined) => year ?? vietnamYear(deps.now());
  router.openapi(jsonRoute, async (c) => c.json(await reports.yearly(currentUser(c), yearOf(c.req.valid('query').year)), 200));
  router.openapi(xlsxRoute, async (c) => {
    const report = await reports.yearly(currentUser(c), yearOf(c.req.valid('query').year));
    const bytes = await yearlyReportXlsx(report, c.var.t.reports, c.var.t.workTypes);
    return attachment(bytes, XLSX, `ipwatch-bao-cao-${report.year}.xlsx`) as never;
  });
  router.openapi(pdfRoute, async (c) => {
    const report = await reports.yearly(currentUser(c), yearOf(c.req.valid('query').year));
    const bytes = await yearlyReportPdf(report, { fontDir: deps.config.fontDir, authority: deps.config.noticeAuthority, signatory: deps.config.noticeSignatory, workTypes: c.var.t.workTypes });
    return attachment(bytes, 'application/pdf', `ipwatch-bao-cao-${report.year}.pdf`) as never;
  });
};
