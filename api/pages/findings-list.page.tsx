import { signalTypes, queueSorts } from '../../matcher/finding.repository.ts';
import { findingStatuses, type FindingStatus } from '../../matcher/matcher.schema.ts';
import type { Officer } from '../review.repository.ts';
import type { FindingPage } from '../services/finding.service.ts';
import { fill } from '../services/finding.explain.ts';
import { formatScore, formatVietnamDate } from './format.ts';
import { CsrfField, Layout, type PageContext } from './layout.tsx';

export function StatusBadge({ status, label }: { status: FindingStatus; label: string }) {
  return <span class={`badge ${status}`}>{label}</span>;
}

/** The review pages' own layout rules, inline like the rest (the CSP allows inline styles only). */
export const reviewCss = `
form.queue-filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem .8rem;align-items:end}
form.queue-filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted);gap:.15rem}
form.queue-filters input,form.queue-filters select,.bulk select,.bulk input,.act input,.act select,.act textarea{padding:.35rem .45rem;border:1px solid #b8c1cc;border-radius:6px;font:inherit;font-size:.9rem;color:var(--ink);background:#fff}
form.queue-filters .go{display:flex;gap:.5rem;align-items:center}
.bulk{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin:.6rem 0}
.bulk .reason{min-width:16rem;flex:1}
table.list tr.current{outline:2px solid var(--brand);outline-offset:-2px;background:#fff8e6}
.keys{font-size:.8rem;color:var(--muted);margin:.4rem 0}
.act{display:flex;gap:.5rem;align-items:flex-end;flex-wrap:wrap;margin:.5rem 0}
.act textarea{flex:1;min-width:16rem;min-height:2.4rem}
.notice{padding:.5rem .8rem;border-radius:6px;background:#e8f3ea;border:1px solid #b9dcbf;margin-bottom:.75rem}
.explain-orig{font-size:.78rem;color:var(--muted)}
.nav-findings{display:flex;justify-content:space-between;margin:.25rem 0 .75rem}
`;

export interface QueueFormState {
  /** The query as given (strings), to refill the form and rebuild links. */
  values: Record<string, string>;
  owners: Officer[];
  officers: Officer[];
  /** Shown after a bulk action (?done=n). */
  done: number | undefined;
}

function Field({ label, children }: { label: string; children: unknown }) {
  return (
    <label>
      {label}
      {children}
    </label>
  );
}

function Select({ name, value, options, any }: { name: string; value: string | undefined; options: [string, string][]; any?: string }) {
  return (
    <select name={name} id={`f-${name}`}>
      {any !== undefined ? <option value="">{any}</option> : null}
      {options.map(([v, label]) => (
        <option value={v} selected={value === v}>{label}</option>
      ))}
    </select>
  );
}

export function FindingsListPage({ page, result, form }: { page: PageContext; result: FindingPage; form: QueueFormState }) {
  const { t } = page;
  const r = t.review;
  const v = form.values;
  const query = new URLSearchParams(Object.entries(v).filter(([k, x]) => x && k !== 'cursor')).toString();
  const detailHref = (id: number) => (query ? `/findings/${id}?q=${encodeURIComponent(query)}` : `/findings/${id}`);
  const officer = page.user?.role === 'officer';
  return (
    <Layout page={page} title={t.findings.title}>
      <style dangerouslySetInnerHTML={{ __html: reviewCss }} />
      <h1>{t.findings.title}</h1>
      <p class="small"><a href="/allow-list" id="allow-list-link">{`${r.allowList} →`}</a></p>
      {officer ? <p><a class="btn plain" id="open-case" href="/cases/new">{t.cases.openFromFindings}</a></p> : null}
      <section class="card" aria-labelledby="filters-h">
        <h2 id="filters-h">{r.filters}</h2>
        <form class="queue-filters" method="get" action="/findings" id="queue-filters">
          <Field label={r.status}><Select name="status" value={v.status} any={r.anyStatus} options={findingStatuses.map((s) => [s, t.status[s]])} /></Field>
          <Field label={r.workId}><input type="number" name="work" min="1" value={v.work ?? ''} /></Field>
          <Field label={r.markId}><input type="number" name="mark" min="1" value={v.mark ?? ''} /></Field>
          <Field label={r.owner}><Select name="owner" value={v.owner} any={r.anyOwner} options={form.owners.map((o) => [String(o.id), o.name])} /></Field>
          <Field label={r.platform}><input type="text" name="platform" maxlength={100} value={v.platform ?? ''} /></Field>
          <Field label={r.seller}><input type="text" name="seller" maxlength={500} value={v.seller ?? ''} /></Field>
          <Field label={r.minScore}><input type="number" name="minScore" min="0" max="1" step="0.01" value={v.minScore ?? ''} /></Field>
          <Field label={r.signal}><Select name="signal" value={v.signal} any={r.anySignal} options={signalTypes.map((s) => [s, r.signals[s] ?? s])} /></Field>
          <Field label={r.from}><input type="date" name="from" value={v.from ?? ''} /></Field>
          <Field label={r.to}><input type="date" name="to" value={v.to ?? ''} /></Field>
          <Field label={r.assignee}>
            <Select name="assignee" value={v.assignee} any={r.anyone} options={[['me', r.me], ['none', r.unassigned], ...form.officers.map((o): [string, string] => [String(o.id), o.name])]} />
          </Field>
          <Field label={r.sort}><Select name="sort" value={v.sort ?? 'newest'} options={queueSorts.map((s) => [s, r.sorts[s] ?? s])} /></Field>
          <div class="go">
            <button class="btn primary" type="submit">{r.apply}</button>
            <a href="/findings" class="small">{r.reset}</a>
          </div>
        </form>
      </section>
      {form.done !== undefined ? <div class="notice" role="status">{fill(r.changed, { n: form.done })}</div> : null}
      <form method="post" action="/findings/bulk" id="bulk">
        <CsrfField token={page.csrfToken} />
        <input type="hidden" name="back" value={query} />
        {officer && result.rows.length ? (
          <div class="bulk" aria-label={r.bulk}>
            <span class="small muted">{r.bulk}:</span>
            {/* First submit button: Enter in the reason field dismisses, as the field is for that. */}
            <input class="reason" type="text" name="reason" id="bulk-reason" maxlength={2000} placeholder={r.reason} aria-label={r.reason} />
            <button class="btn plain" type="submit" name="action" value="dismiss" id="bulk-dismiss">{r.bulkDismiss}</button>
            <button class="btn danger" type="submit" name="action" value="confirm" id="bulk-confirm">{r.bulkConfirm}</button>
            <select name="assigneeId" id="bulk-assignee" aria-label={r.bulkAssign}>
              <option value="">{r.chooseOfficer}</option>
              <option value="none">{r.nobody}</option>
              {form.officers.map((o) => <option value={String(o.id)}>{o.name}</option>)}
            </select>
            <button class="btn plain" type="submit" name="action" value="assign" id="bulk-assign">{r.assign}</button>
          </div>
        ) : null}
        {officer ? <p class="keys">{r.shortcuts}</p> : null}
        {result.rows.length === 0 ? (
          <div class="card muted">{t.findings.none}</div>
        ) : (
          <table class="list" id="queue">
            <thead>
              <tr>
                {officer ? <th><span class="small">{r.select}</span></th> : null}
                <th>{t.findings.work}</th>
                <th>{t.findings.listing}</th>
                <th>{t.findings.platform}</th>
                <th class="num">{t.findings.score}</th>
                <th>{t.findings.status}</th>
                <th>{r.assignedTo}</th>
                <th>{t.findings.date}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map(({ finding, work, mark, listing, assigneeName }) => (
                <tr data-finding-id={String(finding.id)}>
                  {officer ? (
                    <td><input type="checkbox" name="ids" value={String(finding.id)} aria-label={fill(r.selectRow, { id: finding.id })} /></td>
                  ) : null}
                  <td>
                    <a href={detailHref(finding.id)}>{work?.title ?? (mark ? `® ${mark.name}` : `#${finding.workId ?? finding.markId}`)}</a>
                    {(work ?? mark)?.certificateNo ? <div class="muted small">{(work ?? mark)!.certificateNo}</div> : null}
                  </td>
                  <td>
                    <a href={detailHref(finding.id)}>{listing?.title ?? `#${finding.listingId}`}</a>
                    {listing?.sellerName ? <div class="muted small"><a href={`/sellers/${finding.listingId}`}>{listing.sellerName}</a></div> : null}
                  </td>
                  <td>{listing?.platform ?? '—'}</td>
                  <td class="num">{formatScore(finding.score)}</td>
                  <td>
                    <StatusBadge status={finding.status} label={t.status[finding.status]} />
                    {finding.dismissReason ? <div class="muted small">{finding.dismissReason}</div> : null}
                  </td>
                  <td class="small">{assigneeName ?? '—'}</td>
                  <td class="small">{formatVietnamDate(finding.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </form>
      {result.nextCursor ? (
        <p class="pager">
          <a class="btn plain" id="more" href={`/findings?${new URLSearchParams({ ...Object.fromEntries(Object.entries(v).filter(([, x]) => x)), cursor: result.nextCursor }).toString()}`}>{t.findings.more} →</a>
        </p>
      ) : null}
      <script src="/static/review.js" defer />
    </Layout>
  );
}
