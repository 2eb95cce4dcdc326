import { findingStatuses, type FindingStatus } from '../../matcher/matcher.schema.ts';
import type { FindingPage } from '../services/finding.service.ts';
import { formatScore, formatVietnamDate } from './format.ts';
import { Layout, type PageContext } from './layout.tsx';

export function StatusBadge({ status, label }: { status: FindingStatus; label: string }) {
  return <span class={`badge ${status}`}>{label}</span>;
}

export function FindingsListPage({ page, result, status }: { page: PageContext; result: FindingPage; status: FindingStatus | undefined }) {
  const { t } = page;
  const filterHref = (s: FindingStatus | undefined) => (s ? `/findings?status=${s}` : '/findings');
  return (
    <Layout page={page} title={t.findings.title}>
      <h1>{t.findings.title}</h1>
      <nav class="filters" aria-label={t.findings.filter}>
        <span class="muted small">{t.findings.filter}:</span>
        <a href={filterHref(undefined)} class={status ? '' : 'active'}>{t.status.all}</a>
        {findingStatuses.map((s) => (
          <a href={filterHref(s)} class={status === s ? 'active' : ''}>{t.status[s]}</a>
        ))}
      </nav>
      {result.rows.length === 0 ? (
        <div class="card muted">{t.findings.none}</div>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th>{t.findings.work}</th>
              <th>{t.findings.listing}</th>
              <th>{t.findings.platform}</th>
              <th class="num">{t.findings.score}</th>
              <th>{t.findings.status}</th>
              <th>{t.findings.date}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map(({ finding, work, mark, listing }) => (
              <tr data-finding-id={String(finding.id)}>
                <td>
                  <a href={`/findings/${finding.id}`}>{work?.title ?? (mark ? `® ${mark.name}` : `#${finding.workId ?? finding.markId}`)}</a>
                  {(work ?? mark)?.certificateNo ? <div class="muted small">{(work ?? mark)!.certificateNo}</div> : null}
                </td>
                <td><a href={`/findings/${finding.id}`}>{listing?.title ?? `#${finding.listingId}`}</a></td>
                <td>{listing?.platform ?? '—'}</td>
                <td class="num">{formatScore(finding.score)}</td>
                <td><StatusBadge status={finding.status} label={t.status[finding.status]} /></td>
                <td class="small">{formatVietnamDate(finding.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.nextCursor ? (
        <p class="pager">
          <a class="btn plain" href={`/findings?${new URLSearchParams({ ...(status ? { status } : {}), cursor: result.nextCursor }).toString()}`}>{t.findings.more} →</a>
        </p>
      ) : null}
    </Layout>
  );
}
