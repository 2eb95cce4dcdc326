import { Hono } from 'hono';
import type { ApiServices } from '../../api.services.ts';
import type { AppEnv } from '../../app.types.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { barChart, columnChart, PALETTE } from '../../reports/report.chart.ts';
import { bucketLabel, hours, topRows, type ReportStrings } from '../../reports/report.labels.ts';
import { parseYear, ReportService } from '../../reports/report.service.ts';
import { breakdownKeys, type BreakdownKey, type ReportRow, type YearlyReport } from '../../reports/report.types.ts';
import { currentUser } from '../../routes/api.router.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { pageContext } from '../pages.routes.tsx';
import { SvgChart } from './report.svg.tsx';

const style = `
.rep-head{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;justify-content:space-between}
.rep-head form{display:flex;gap:6px;align-items:flex-end}
.rep-head input{width:6em}
.rep-downloads{display:flex;gap:10px}
.rep-cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.rep-card{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:10px 16px;min-width:150px}
.rep-card b{display:block;font-size:1.6em}
.rep-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:18px}
.rep-section{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:12px 16px;overflow-x:auto}
.rep-section h2{font-size:1.05em;margin:0 0 8px}
.rep-chart{max-width:100%;height:auto;display:block;margin:4px 0 10px}
.rep-table{border-collapse:collapse;width:100%;font-size:.92em}
.rep-table th,.rep-table td{border-bottom:1px solid #e4e8ec;padding:4px 6px;text-align:right}
.rep-table th{font-size:.9em;vertical-align:bottom}
.rep-table td{white-space:nowrap}
.rep-table th:first-child,.rep-table td:first-child{text-align:left;white-space:normal;min-width:10em;overflow-wrap:anywhere}
.rep-wide{grid-column:1/-1}
.rep-table tfoot td{font-weight:bold;background:#f3f6f9}
.rep-notes{font-size:.88em;color:#4a5560}
`;

function Table({ t, rows, label, first, total }: { t: ReportStrings; rows: ReportRow[]; label: (r: ReportRow) => string; first: string; total?: ReportRow }) {
  return (
    <table class="rep-table">
      <thead>
        <tr><th>{first}</th><th>{t.columns.findings}</th><th>{t.columns.notices}</th><th>{t.columns.removals}</th><th>{t.columns.avgHours}</th><th>{t.columns.medianHours}</th></tr>
      </thead>
      <tbody>
        {rows.length ? null : <tr><td colspan={6}>{t.noData}</td></tr>}
        {rows.map((r) => (
          <tr><td>{label(r)}</td><td>{r.findings}</td><td>{r.notices}</td><td>{r.removals}</td><td>{hours(r.avgHoursToRemoval)}</td><td>{hours(r.medianHoursToRemoval)}</td></tr>
        ))}
      </tbody>
      {total ? <tfoot><tr><td>{t.totals}</td><td>{total.findings}</td><td>{total.notices}</td><td>{total.removals}</td><td>{hours(total.avgHoursToRemoval)}</td><td>{hours(total.medianHoursToRemoval)}</td></tr></tfoot> : null}
    </table>
  );
}

const CHARTED: Partial<Record<BreakdownKey, keyof ReportStrings['charts']>> = { platform: 'platforms', commune: 'communes', outcome: 'outcomes' };

export function ReportPage({ page, report }: { page: PageContext; report: YearlyReport }) {
  const t = page.t.reports;
  const label = (key: BreakdownKey) => (r: ReportRow) => bucketLabel(t, page.t.workTypes, key, r.key);
  const m = report.breakdowns.month;
  const months = columnChart(t.months, [
    { name: t.columns.findings, color: PALETTE.findings, values: m.map((x) => x.findings) },
    { name: t.columns.notices, color: PALETTE.notices, values: m.map((x) => x.notices) },
    { name: t.columns.removals, color: PALETTE.removals, values: m.map((x) => x.removals) },
  ], 1000, 260, 12);
  const q = `year=${report.year}`;
  return (
    <Layout page={page} title={`${t.title} ${report.year}`}>
      <style dangerouslySetInnerHTML={{ __html: style }} />
      <div class="rep-head">
        <div>
          <h1>{t.heading.replace('{year}', String(report.year))}</h1>
          <p class="muted">{`${t.generated}: ${report.generatedAt}`}{report.scope === 'own' ? ` · ${t.scopeOwn}` : ''}</p>
        </div>
        <form method="get" action="/reports">
          <label>{t.year}<br /><input type="number" name="year" min="2000" max="2100" value={String(report.year)} /></label>
          <button class="btn" type="submit">{t.show}</button>
        </form>
      </div>
      <div class="rep-downloads">
        <a class="btn" href={`/api/v1/reports/yearly.xlsx?${q}`}>{t.downloadXlsx}</a>
        <a class="btn primary" href={`/api/v1/reports/yearly.pdf?${q}`}>{t.downloadPdf}</a>
      </div>
      <div class="rep-cards">
        <div class="rep-card">{t.columns.findings}<b>{report.totals.findings}</b></div>
        <div class="rep-card">{t.columns.notices}<b>{report.totals.notices}</b></div>
        <div class="rep-card">{t.columns.removals}<b>{report.totals.removals}</b></div>
        <div class="rep-card">{t.columns.medianHours}<b>{hours(report.totals.medianHoursToRemoval)}</b></div>
      </div>
      <div class="rep-grid">
        {breakdownKeys.map((key) => {
          const chartKey = CHARTED[key];
          const items = chartKey ? topRows(report.breakdowns[key], 10, t.unknown).map((i) => ({ label: i.row ? bucketLabel(t, page.t.workTypes, key, i.label) : String(i.label), value: i.value })) : [];
          return (
            <section class={key === 'month' ? 'rep-section rep-wide' : 'rep-section'} id={`rep-${key}`}>
              <h2>{t.breakdowns[key]}</h2>
              {key === 'month' ? <SvgChart chart={months} title={t.charts.months} /> : null}
              {chartKey && items.length ? <SvgChart chart={barChart(items, 520, PALETTE.findings, 12)} title={t.charts[chartKey]} /> : null}
              <Table t={t} rows={report.breakdowns[key]} label={label(key)} first={t.buckets[key]} total={key === 'month' ? report.totals : undefined} />
            </section>
          );
        })}
      </div>
      <div class="rep-notes">
        <p>{t.notes.time}</p>
        <p>{t.notes.commune}</p>
        <p>{t.notes.scope}</p>
      </div>
    </Layout>
  );
}

/** /reports: officers and inspectors (the province's figures); rights holders read their own through the API. */
export function createReportPagesRouter(services: ApiServices): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  const reports = new ReportService(services.deps.db, services.access, services.deps.now);
  router.get('/reports', requireRole(['officer', 'inspector'], { loginPath: '/login' }), async (c) => {
    const year = parseYear(c.req.query('year'), services.deps.now());
    const report = await reports.yearly(currentUser(c), year);
    return c.html(<ReportPage page={pageContext(c)} report={report} />);
  });
  return router;
}
