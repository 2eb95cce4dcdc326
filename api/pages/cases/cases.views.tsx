import type { CalendarEntry } from '../../cases/working-days.ts';
import { caseGroupings, caseOutcomes, type Case } from '../../cases/case.schema.ts';
import type { CaseDetail, CaseSummary, NoticeView } from '../../cases/case.service.ts';
import type { FindingRow } from '../../services/finding.service.ts';
import { StatusBadge } from '../findings-list.page.tsx';
import { formatScore, formatVietnamTime } from '../format.ts';
import { CsrfField, Layout, type PageContext } from '../layout.tsx';

const css = `.case-form label{display:block;font-size:.88rem;color:var(--muted);margin:.7rem 0 .2rem}
.case-form input[type=text],.case-form input[type=datetime-local],.case-form input[type=date],.case-form select,.case-form textarea{width:100%;max-width:40rem;padding:.45rem .55rem;border:1px solid #b8c1cc;border-radius:6px;font:inherit}
.case-form .inline{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}.case-form .inline input,.case-form .inline select{width:auto}
tr.overdue td{background:#fdecea}.badge.overdue{background:#b3261e}.badge.open{background:#1d5fa8}.badge.closed{background:var(--muted)}
.badge.draft{background:var(--muted)}.badge.sent,.badge.received{background:#1d5fa8}.badge.objected{background:#b26a00}.badge.still_online,.badge.blocked,.badge.error{background:#b3261e}
.notice{border-left:4px solid var(--line)}.notice.overdue{border-left-color:#b3261e}
.case-error{background:#fdecea;border:1px solid #f5c2bd;color:#7a1c12;padding:.6rem .8rem;border-radius:6px;margin:.6rem 0}
.case-actions{display:flex;gap:.6rem;flex-wrap:wrap;align-items:flex-end;margin:.6rem 0}.case-actions form{display:flex;gap:.4rem;align-items:flex-end;flex-wrap:wrap}
.btn.compact{padding:.15rem .6rem;font-size:.85rem;font-weight:500}.url{word-break:break-all}.dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}.dl dt{color:var(--muted)}`;

const when = (d: Date | string | null | undefined) => (d ? formatVietnamTime(typeof d === 'string' ? new Date(d) : d) : '—');
/** `datetime-local` value for "now" in Vietnam time (the form's times are read back as UTC+7). */
export const vietnamLocalInput = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 16);

export function CasesLayout({ page, title, children }: { page: PageContext; title: string; children?: unknown }) {
  const t = page.t.cases;
  return (
    <Layout page={page} title={title}>
      <style dangerouslySetInnerHTML={{ __html: css }} />
      <nav class="filters">
        <a href="/cases">{t.title}</a>
        {page.user?.role === 'officer' ? <a href="/cases/new">{t.newCase}</a> : null}
        {page.user?.role !== 'rights_holder' ? <a href="/cases/calendar">{t.calendar}</a> : null}
      </nav>
      {children as never}
    </Layout>
  );
}

const subject = (row: FindingRow) => row.work?.title ?? (row.mark ? `® ${row.mark.name}` : `#${row.finding.workId ?? row.finding.markId}`);

export function CasesListPage({ page, items }: { page: PageContext; items: CaseSummary[] }) {
  const t = page.t.cases;
  return (
    <CasesLayout page={page} title={t.title}>
      <h1>{t.title}</h1>
      {items.length === 0 ? <div class="card muted">{t.none}</div> : (
        <table class="list">
          <thead><tr><th>{t.case}</th><th>{t.groupedBy}</th><th class="num">{t.findingCount}</th><th>{t.notices}</th><th>{t.status}</th><th>{t.created}</th></tr></thead>
          <tbody>
            {items.map((s) => (
              <tr data-case-id={String(s.case.id)} class={s.overdue ? 'overdue' : ''}>
                <td><a href={`/cases/${s.case.id}`}>#{s.case.id} {s.case.title}</a></td>
                <td>{t.groupings[s.case.groupedBy]}</td>
                <td class="num">{s.findingCount}</td>
                <td>{s.notices.map((n) => <span class={`badge ${n.status}`}>{`${t.basesShort[n.basis]}: ${t.noticeStatuses[n.status]}`}</span>)}</td>
                <td><CaseBadge page={page} c={s.case} />{s.overdue ? <> <span class="badge overdue">{t.overdue}</span></> : null}</td>
                <td class="small">{when(s.case.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </CasesLayout>
  );
}

function CaseBadge({ page, c }: { page: PageContext; c: Case }) {
  const t = page.t.cases;
  return <span class={`badge ${c.status}`}>{c.outcome ? `${t.statuses[c.status]} — ${t.outcomes[c.outcome]}` : t.statuses[c.status]}</span>;
}

export function NewCasePage({ page, rows, selected, error }: { page: PageContext; rows: FindingRow[]; selected: Set<number>; error?: string | undefined }) {
  const t = page.t.cases;
  return (
    <CasesLayout page={page} title={t.newCase}>
      <h1>{t.newCase}</h1>
      {error ? <div class="case-error" role="alert">{error}</div> : null}
      <form method="post" action="/cases" class="case-form">
        <CsrfField token={page.csrfToken} />
        <label for="title">{t.caseTitle}</label>
        <input type="text" id="title" name="title" maxlength={300} />
        <div class="muted small">{t.titleHelp}</div>
        <label for="groupedBy">{t.groupedBy}</label>
        <select id="groupedBy" name="groupedBy">{caseGroupings.map((g) => <option value={g}>{t.groupings[g]}</option>)}</select>
        <div class="muted small">{t.groupHelp}</div>
        <h2>{t.pickFindings}</h2>
        {rows.length === 0 ? <div class="card muted">{t.noConfirmed}</div> : (
          <table class="list">
            <thead><tr><th></th><th>{t.work}</th><th>{t.listing}</th><th>{page.t.findings.platform}</th><th class="num">{page.t.findings.score}</th><th>{page.t.findings.status}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr data-finding-id={String(r.finding.id)}>
                  <td><input type="checkbox" name="finding" value={String(r.finding.id)} checked={selected.has(r.finding.id)} aria-label={`#${r.finding.id}`} /></td>
                  <td><a href={`/findings/${r.finding.id}`}>{subject(r)}</a></td>
                  <td>{r.listing?.title ?? `#${r.finding.listingId}`}<div class="muted small">{r.listing?.sellerName ?? ''}</div></td>
                  <td>{r.listing?.platform ?? '—'}</td>
                  <td class="num">{formatScore(r.finding.score)}</td>
                  <td><StatusBadge status={r.finding.status} label={page.t.status[r.finding.status]} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p><button class="btn primary" type="submit">{t.create}</button></p>
      </form>
    </CasesLayout>
  );
}

export function CaseDetailPage({ page, detail, error, now }: { page: PageContext; detail: CaseDetail; error?: string | undefined; now: Date }) {
  const t = page.t.cases;
  const c = detail.case;
  const officer = page.user?.role === 'officer' && c.status === 'open';
  return (
    <CasesLayout page={page} title={`${t.case} #${c.id}`}>
      <p><a href="/cases">{t.back}</a></p>
      <h1>{`${t.case} #${c.id}: ${c.title}`} <CaseBadge page={page} c={c} /></h1>
      {error ? <div class="case-error" role="alert">{error}</div> : null}
      <p class="muted small">{t.groupedBy}: {t.groupings[c.groupedBy]}{c.groupKey ? ` (${c.groupKey})` : ''} · {t.created}: {when(c.createdAt)}{c.closedAt ? ` · ${t.statuses.closed}: ${when(c.closedAt)}` : ''}</p>
      <section class="card">
        <h2>{t.findings}</h2>
        <table class="list">
          <thead><tr><th>{t.work}</th><th>{t.listing}</th><th>{page.t.findings.platform}</th><th>{page.t.findings.status}</th>{officer ? <th></th> : null}</tr></thead>
          <tbody>
            {detail.findings.map((r) => (
              <tr data-finding-id={String(r.finding.id)}>
                <td><a href={`/findings/${r.finding.id}`}>{subject(r)}</a>{(r.work ?? r.mark)?.certificateNo ? <div class="muted small">{(r.work ?? r.mark)!.certificateNo}</div> : null}</td>
                <td>{r.listing?.title ?? '—'}<div class="muted small url">{r.listing?.url ?? ''}</div></td>
                <td>{r.listing?.platform ?? '—'}</td>
                <td><StatusBadge status={r.finding.status} label={page.t.status[r.finding.status]} /></td>
                {officer ? <td><form method="post" action={`/cases/${c.id}/findings/${r.finding.id}/remove`}><CsrfField token={page.csrfToken} /><button class="btn plain compact" type="submit">{t.remove}</button></form></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>{t.notices}</h2>
        {officer ? <p><a class="btn primary" href={`/cases/${c.id}/notices/new`}>{t.draftNotice}</a></p> : null}
        {detail.notices.length === 0 ? <div class="card muted">{t.noNotices}</div> : detail.notices.map((n) => <NoticeCard page={page} view={n} officer={officer} now={now} />)}
      </section>
      {officer ? (
        <section class="card">
          <h2>{t.close}</h2>
          <form method="post" action={`/cases/${c.id}/close`} class="case-form case-actions">
            <CsrfField token={page.csrfToken} />
            <label>{t.outcome} <select name="outcome">{caseOutcomes.map((o) => <option value={o}>{t.outcomes[o]}</option>)}</select></label>
            <label>{t.closeNote} <input type="text" name="note" maxlength={2000} /></label>
            <button class="btn danger" type="submit">{t.close}</button>
          </form>
        </section>
      ) : null}
    </CasesLayout>
  );
}

function NoticeCard({ page, view, officer, now }: { page: PageContext; view: NoticeView; officer: boolean; now: Date }) {
  const t = page.t.cases;
  const n = view.notice;
  const events = n.status === 'draft' ? ['sent'] : n.status === 'sent' ? ['sent', 'received', ...(n.basis === 'art114' ? ['objection'] : [])] : n.status === 'received' ? ['received', ...(n.basis === 'art114' ? ['objection'] : [])] : n.status === 'objected' ? ['restored'] : [];
  return (
    <article class={`card notice${view.overdue ? ' overdue' : ''}`} data-notice-id={String(n.id)}>
      <h3>
        {`#${n.id} · ${t.bases[n.basis]}`} <span class={`badge ${n.status}`}>{t.noticeStatuses[n.status]}</span>
        {view.overdue ? <> <span class="badge overdue">{t.overdue}</span></> : null}
      </h3>
      <dl class="dl small">
        <dt>{t.recipient}</dt><dd>{n.recipient}{n.recipientContact ? ` (${n.recipientContact})` : ''}</dd>
        {n.basis === 'art113' ? <><dt>{t.authority}</dt><dd>{n.issuingAuthority ?? '—'}</dd></> : <><dt>{t.requester}</dt><dd>{n.requester ?? '—'}</dd></>}
        <dt>{t.sentAt}</dt><dd>{when(n.sentAt)}</dd>
        <dt>{t.receivedAt}</dt><dd>{when(n.receivedAt)}</dd>
        {n.objectedAt ? <><dt>{t.objectedAt}</dt><dd>{when(n.objectedAt)}</dd></> : null}
        {n.restoredAt ? <><dt>{t.restoredAt}</dt><dd>{when(n.restoredAt)}</dd></> : null}
      </dl>
      <p><a class="btn plain" href={`/api/v1/notices/${n.id}/document?format=pdf`} data-download="pdf">{t.pdf}</a> <a class="btn plain" href={`/api/v1/notices/${n.id}/document?format=docx`}>{t.docx}</a></p>
      {n.deadlines.length ? (
        <table class="list small deadlines">
          <thead><tr><th>{t.deadlines}</th><th>{t.when}</th><th>{t.recheck}</th></tr></thead>
          <tbody>
            {n.deadlines.map((d) => (
              <tr class={!d.checkedAt && Date.parse(d.due) <= now.getTime() ? 'overdue' : ''}>
                <td>{t.deadlineKinds[d.kind] ?? d.kind}{!n.receivedAt && d.kind !== 'restore' ? <div class="muted small">{t.fromSent}</div> : null}</td>
                <td>{when(d.due)}</td>
                <td>{d.checkedAt ? `${t.checked}: ${when(d.checkedAt)}` : t.pending}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <table class="list small">
        <thead><tr><th>{t.listing}</th><th>{t.recheck}</th></tr></thead>
        <tbody>
          {view.listings.map((l) => (
            <tr data-listing-id={String(l.listingId)}>
              <td class="url">{l.listing?.url ?? `#${l.listingId}`}</td>
              <td>{l.lastResult ? <><span class={`badge ${l.lastResult}`}>{t.results[l.lastResult]}</span> {when(l.lastCheckedAt)}{l.lastEvidenceId ? ` · ${t.evidence} #${l.lastEvidenceId}` : ''}{l.lastDetail ? <div class="muted small">{l.lastDetail}</div> : null}</> : <span class="muted">{t.notChecked}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {officer && events.length ? (
        <div class="case-actions">
          {events.map((e) => (
            <form method="post" action={`/notices/${n.id}/events`} class="case-form">
              <CsrfField token={page.csrfToken} />
              <input type="hidden" name="event" value={e} />
              <label class="small">{t.when}<input type="datetime-local" name="at" value={vietnamLocalInput(now)} /></label>
              <button class="btn primary" type="submit" value={e} name="action">{t.events[e]}</button>
            </form>
          ))}
        </div>
      ) : null}
    </article>
  );
}

export function NoticeDraftPage({ page, caseId, defaults, error }: { page: PageContext; caseId: number; defaults: { authority: string; signatory: string }; error?: string | undefined }) {
  const t = page.t.cases;
  const field = (name: string, label: string, value = '', max = 300) => (
    <>
      <label for={name}>{label}</label>
      <input type="text" id={name} name={name} value={value} maxlength={max} />
    </>
  );
  return (
    <CasesLayout page={page} title={t.draftNotice}>
      <p><a href={`/cases/${caseId}`}>← {t.case} #{caseId}</a></p>
      <h1>{t.draftNotice}</h1>
      {error ? <div class="case-error" role="alert">{error}</div> : null}
      <form method="post" action={`/cases/${caseId}/notices`} class="case-form">
        <CsrfField token={page.csrfToken} />
        <label for="basis">{t.basis}</label>
        <select id="basis" name="basis"><option value="art113">{t.bases.art113}</option><option value="art114">{t.bases.art114}</option></select>
        {field('recipient', t.recipient)}
        {field('recipientContact', t.recipientContact)}
        {field('issuingAuthority', t.authority, defaults.authority)}
        {field('signatory', t.signatory, defaults.signatory)}
        {field('reference', t.reference, '', 200)}
        {field('requester', t.requester)}
        <label for="body">{t.body}</label>
        <textarea id="body" name="body" maxlength={4000} rows={3}></textarea>
        <p><button class="btn primary" type="submit">{t.saveDraft}</button></p>
      </form>
    </CasesLayout>
  );
}

export function CalendarPage({ page, days, error }: { page: PageContext; days: CalendarEntry[]; error?: string | undefined }) {
  const t = page.t.cases;
  const officer = page.user?.role === 'officer';
  return (
    <CasesLayout page={page} title={t.calendar}>
      <h1>{t.calendar}</h1>
      <p class="muted">{t.calendarHelp}</p>
      {error ? <div class="case-error" role="alert">{error}</div> : null}
      {officer ? (
        <form method="post" action="/cases/calendar" class="case-form case-actions">
          <CsrfField token={page.csrfToken} />
          <label>{t.day} <input type="date" name="day" required /></label>
          <label>{t.kind} <select name="kind"><option value="holiday">{t.kinds.holiday}</option><option value="workday">{t.kinds.workday}</option></select></label>
          <label>{t.name} <input type="text" name="name" maxlength={200} required /></label>
          <button class="btn primary" type="submit">{t.addDay}</button>
        </form>
      ) : null}
      <table class="list">
        <thead><tr><th>{t.day}</th><th>{t.kind}</th><th>{t.name}</th>{officer ? <th></th> : null}</tr></thead>
        <tbody>
          {days.map((d) => (
            <tr data-day={d.day}>
              <td>{d.day.split('-').reverse().join('/')}</td>
              <td>{t.kinds[d.kind]}</td>
              <td>{d.name}</td>
              {officer ? <td><form method="post" action={`/cases/calendar/${d.day}/delete`}><CsrfField token={page.csrfToken} /><button class="btn plain compact" type="submit">{t.deleteDay}</button></form></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </CasesLayout>
  );
}
