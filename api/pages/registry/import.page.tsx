import type { ImportReport } from '../../../fingerprints/registry/import/import.service.ts';
import { formatIssue } from '../../../fingerprints/registry/import/import.issue.ts';
import { CsrfField, Layout, type PageContext } from '../layout.tsx';
import { FormAlert, Notice } from './registry.parts.tsx';
import { PortalStyle } from './registry.style.tsx';

/** The files of a successful dry run, kept in the blob store and signed, so confirming needs no re-upload. */
export interface StagedImport {
  fileKey: string;
  fileName: string;
  imagesKey: string;
  imagesName: string;
  signature: string;
}

function ResultTable({ page, report }: { page: PageContext; report: ImportReport }) {
  const i = page.t.registry.import;
  const language = page.locale === 'en' ? 'en' : 'vi';
  const outcome = (o: string) => (o === 'rejected' ? i.rejected : o === 'created' ? (report.written ? i.createdDone : i.created) : o === 'updated' ? (report.written ? i.updatedDone : i.updated) : i.unchanged);
  return (
    <table class="list" data-import-result="">
      <thead>
        <tr><th class="num">{i.row}</th><th>{i.kind}</th><th>{i.result}</th><th>{i.reasons}</th></tr>
      </thead>
      <tbody>
        {report.rows.map((r) => (
          <tr data-row={String(r.row)} data-outcome={r.outcome}>
            <td class="num">{r.row}</td>
            <td>{r.label}</td>
            <td class={r.outcome === 'rejected' ? 'rejected' : ''}>{outcome(r.outcome)}</td>
            <td class={r.outcome === 'rejected' ? 'rejected small' : 'small'}>{r.errors.map((e) => formatIssue(e, language)).join('; ')}</td>
          </tr>
        ))}
        {report.rejected.filter((r) => !report.rows.some((row) => row.row === r.row)).map((r) => (
          <tr data-row={String(r.row)} data-outcome="rejected">
            <td class="num">{r.row}</td>
            <td>—</td>
            <td class="rejected">{i.rejected}</td>
            <td class="rejected small">{r.errors.map((e) => formatIssue(e, language)).join('; ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ImportPage({ page, report, staged, error }: { page: PageContext; report?: ImportReport | undefined; staged?: StagedImport | undefined; error?: string | undefined }) {
  const { t } = page;
  const i = t.registry.import;
  return (
    <Layout page={page} title={i.title}>
      <PortalStyle />
      <h1>{i.title}</h1>
      <div class="cols">
        <section class="card">
          <p class="small">{i.intro}</p>
          <form class="stack" method="post" action="/registry/import" enctype="multipart/form-data">
            <CsrfField token={page.csrfToken} />
            <label for="file">{i.file}</label>
            <input id="file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
            <label for="images">{i.images}</label>
            <input id="images" name="images" type="file" accept=".zip,application/zip" />
            <input type="hidden" name="dryRun" value="true" />
            <button class="btn primary" type="submit">{i.dryRun}</button>
          </form>
        </section>
        <section class="card">
          <h2>{i.templates}</h2>
          <p>
            {i.templateWorks}: <a href="/api/v1/registry/template?kind=works&format=xlsx">XLSX</a> · <a href="/api/v1/registry/template?kind=works&format=csv">CSV</a>
            <br />
            {i.templateMarks}: <a href="/api/v1/registry/template?kind=marks&format=xlsx">XLSX</a> · <a href="/api/v1/registry/template?kind=marks&format=csv">CSV</a>
          </p>
          <h2>{i.export}</h2>
          <p>
            {i.exportWorks}: <a href="/api/v1/registry/export?kind=works&format=xlsx">XLSX</a> · <a href="/api/v1/registry/export?kind=works&format=csv">CSV</a>
            <br />
            {i.exportMarks}: <a href="/api/v1/registry/export?kind=marks&format=xlsx">XLSX</a> · <a href="/api/v1/registry/export?kind=marks&format=csv">CSV</a>
          </p>
        </section>
      </div>
      <FormAlert page={page} error={error} />
      {report ? (
        <section class="card" aria-labelledby="result-h">
          <h2 id="result-h">{report.written ? i.doneResult : i.dryRunResult}</h2>
          <p class="small">
            {`${i.kind}: ${report.kind === 'works' ? t.registry.nav.works : t.registry.nav.marks} · ${report.written ? i.createdDone : i.created}: ${report.created} · ${report.written ? i.updatedDone : i.updated}: ${report.updated} · ${i.unchanged}: ${report.unchanged} · ${i.rejected}: ${report.rejected.length}`}
          </p>
          {report.rejected.length ? <div class="alert" role="alert">{i.nothingWritten}</div> : null}
          {!report.rejected.length && !report.written ? <Notice message={i.readyToConfirm} /> : null}
          {staged && !report.rejected.length && !report.written ? (
            <form method="post" action="/registry/import/confirm" class="actions">
              <CsrfField token={page.csrfToken} />
              {Object.entries(staged).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
              <button class="btn primary" type="submit">{i.confirm}</button>
            </form>
          ) : null}
          <ResultTable page={page} report={report} />
        </section>
      ) : null}
    </Layout>
  );
}
