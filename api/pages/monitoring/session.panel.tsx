import type { SessionSummary } from '../../../crawler/session/session.repository.ts';
import { CsrfField, type PageContext } from '../layout.tsx';

/** A source's sealed browser session: its summary for everyone who may read, upload and removal for officers. */
export function SessionPanel({ page, sourceId, summary, canSteer }: { page: PageContext; sourceId: number; summary: SessionSummary | undefined; canSteer: boolean }) {
  const t = page.t.monitoring;
  return (
    <section class="mon-session">
      <h2>{t.session}</h2>
      <p class="muted">{t.sessionHelp}</p>
      <p>{summary ? t.sessionSummary(summary.cookies, summary.domains.join(', '), summary.updatedAt.toISOString()) : t.sessionNone}</p>
      {canSteer ? (
        <div class="mon-actions">
          <form method="post" action={`/monitoring/sources/${sourceId}/session`} enctype="multipart/form-data">
            <CsrfField token={page.csrfToken} />
            <label>
              {t.sessionFile} <input type="file" name="state" accept="application/json,.json" required />
            </label>{' '}
            <button class="btn" type="submit">{t.sessionUpload}</button>
          </form>
          {summary ? (
            <form method="post" action={`/monitoring/sources/${sourceId}/session/delete`}>
              <CsrfField token={page.csrfToken} />
              <button class="btn danger" type="submit">{t.sessionRemove}</button>
            </form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
