import type { FindingDetail } from '../services/finding.service.ts';
import { formatScore, formatUtc, formatVietnamTime } from './format.ts';
import { reviewCss, StatusBadge } from './findings-list.page.tsx';
import type { Officer } from '../review.repository.ts';
import { fill } from '../services/finding.explain.ts';
import { SignalsSection } from './finding-signals.tsx';
import { ListingPanel, WorkPanel } from './finding-panels.tsx';
import { CsrfField, Layout, type PageContext } from './layout.tsx';

function EvidenceSection({ page, detail }: { page: PageContext; detail: FindingDetail }) {
  const { t } = page;
  return (
    <section class="card" aria-labelledby="evidence-h">
      <h2 id="evidence-h">{t.finding.evidence}</h2>
      {page.user?.role === 'inspector' || page.user?.role === 'officer' ? (
        <p class="packet"><a class="btn" href={`/api/v1/findings/${detail.finding.id}/packet`} download title={t.packets.downloadHint}>{t.packets.download}</a> <a class="small" href="/packets/public-key">{t.packets.keyLink}</a></p>
      ) : null}
      {detail.evidence.length === 0 ? <p class="muted">{t.finding.noEvidence}</p> : null}
      {detail.evidence.map((e) => (
        <div class="evidence" data-evidence-id={String(e.id)}>
          <a class="shot" href={`/files/evidence/${e.id}/screenshot`} target="_blank" rel="noopener">
            <img src={`/files/evidence/${e.id}/screenshot`} alt={t.finding.screenshotAlt} loading="lazy" />
          </a>
          <dl class="meta">
            <dt>{t.finding.capturedUtc}</dt>
            <dd>{formatUtc(e.capturedAt)}</dd>
            <dt>{t.finding.capturedVn}</dt>
            <dd>{formatVietnamTime(e.capturedAt)}</dd>
            <dt>{t.finding.url}</dt>
            <dd class="small">{e.url}</dd>
            {e.httpStatus ? (
              <>
                <dt>{t.finding.httpStatus}</dt>
                <dd>{e.httpStatus}</dd>
              </>
            ) : null}
            <dt>{t.finding.screenshotSha}</dt>
            <dd><code class="hash">{e.screenshotSha256}</code></dd>
            <dt>{t.finding.htmlSha}</dt>
            <dd>
              <code class="hash">{e.htmlSha256}</code>{' '}
              <a href={`/files/evidence/${e.id}/html`} class="small">{t.finding.downloadHtml}</a>
            </dd>
            {e.responseSha256 ? (
              <>
                <dt>{t.finding.responseSha}</dt>
                <dd><code class="hash">{e.responseSha256}</code></dd>
              </>
            ) : null}
            <dt>{t.finding.software}</dt>
            <dd class="small">{e.software}</dd>
          </dl>
        </div>
      ))}
    </section>
  );
}

function ReviewSection({ page, detail, extra }: { page: PageContext; detail: FindingDetail; extra: DetailExtra }) {
  const { t, user } = page;
  const r = t.review;
  const { finding } = detail;
  const officer = user?.role === 'officer';
  const canReview = officer && ['new', 'confirmed', 'dismissed'].includes(finding.status);
  const back = extra.q ? `?q=${encodeURIComponent(extra.q)}` : '';
  return (
    <section class="card" aria-labelledby="review-h">
      <h2 id="review-h">{t.finding.review}</h2>
      {finding.status === 'dismissed' && finding.dismissReason ? (
        <p class="small"><strong>{`${r.dismissReason}: `}</strong>{finding.allowRuleId ? fill(r.allowListed, { rule: finding.allowRuleId }) : finding.dismissReason}</p>
      ) : null}
      {canReview ? (
        <>
          {finding.status !== 'confirmed' ? (
            <form class="act" method="post" action={`/findings/${finding.id}/review${back}`} id="confirm-form">
              <CsrfField token={page.csrfToken} />
              <input type="hidden" name="status" value="confirmed" />
              <textarea name="note" placeholder={t.finding.note} aria-label={t.finding.note} maxlength={2000} />
              <button class="btn danger" type="submit" value="confirmed" id="confirm-button">{t.finding.confirm}</button>
            </form>
          ) : null}
          {finding.status !== 'dismissed' ? (
            <form class="act" method="post" action={`/findings/${finding.id}/review${back}`} id="dismiss-form">
              <CsrfField token={page.csrfToken} />
              <input type="hidden" name="status" value="dismissed" />
              <input type="text" name="note" id="dismiss-reason" required maxlength={2000} placeholder={r.reason} aria-label={r.reason} style="flex:1;min-width:16rem" />
              <button class="btn plain" type="submit" value="dismissed" id="dismiss-button">{t.finding.dismiss}</button>
            </form>
          ) : null}
        </>
      ) : null}
      {officer ? (
        <form class="act" method="post" action={`/findings/${finding.id}/assign${back}`} id="assign-form">
          <CsrfField token={page.csrfToken} />
          <label class="small muted" for="assignee">{r.assignedTo}</label>
          <select name="assigneeId" id="assignee">
            <option value="none">{r.nobody}</option>
            {extra.officers.map((o) => <option value={String(o.id)} selected={finding.assigneeId === o.id}>{o.name}</option>)}
          </select>
          <button class="btn plain" type="submit">{r.assign}</button>
        </form>
      ) : detail.assigneeName ? (
        <p class="small">{`${r.assignedTo}: ${detail.assigneeName}`}</p>
      ) : null}
      {detail.reviews.length ? (
        <ol class="history">
          {detail.reviews.map((rv) => (
            <li>
              {`${formatVietnamTime(rv.createdAt)} — ${rv.reviewerName}: ${t.status[rv.fromStatus as 'new'] ?? rv.fromStatus} → ${t.status[rv.toStatus as 'new'] ?? rv.toStatus}`}
              {rv.note ? <span class="muted">{` — ${rv.note}`}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function CommentsSection({ page, detail }: { page: PageContext; detail: FindingDetail }) {
  const r = page.t.review;
  return (
    <section class="card" aria-labelledby="comments-h">
      <h2 id="comments-h">{r.comments}</h2>
      {detail.comments.length ? (
        <ol class="history" id="comments">
          {detail.comments.map((cm) => (
            <li>
              {`${formatVietnamTime(cm.createdAt)} — ${cm.authorName}: `}
              <span>{cm.body}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted small">{r.noComments}</p>
      )}
      {page.user?.role === 'officer' ? (
        <form class="act" method="post" action={`/findings/${detail.finding.id}/comments`}>
          <CsrfField token={page.csrfToken} />
          <textarea name="body" required maxlength={4000} placeholder={r.commentPlaceholder} aria-label={r.commentPlaceholder} />
          <button class="btn plain" type="submit">{r.addComment}</button>
        </form>
      ) : null}
    </section>
  );
}

/** One click to allow-list this listing's seller, shop, domain or page for the finding's work or mark. */
function AllowSection({ page, detail }: { page: PageContext; detail: FindingDetail }) {
  const r = page.t.review;
  const { finding, listing } = detail;
  if (page.user?.role !== 'officer') return null;
  const subject = detail.work?.title ?? detail.mark?.name ?? '';
  let host = '';
  try {
    host = new URL(listing.url).hostname;
  } catch {
    host = '';
  }
  const choices: [string, string][] = [
    ...(listing.sellerName ? [['seller', listing.sellerName] as [string, string]] : []),
    ...(listing.sellerUrl ? [['shop', listing.sellerUrl] as [string, string]] : []),
    ...(host ? [['domain', host] as [string, string]] : []),
    ['url', listing.url],
  ];
  return (
    <section class="card" aria-labelledby="allow-h">
      <h2 id="allow-h">{fill(r.allowThis, { subject })}</h2>
      <p class="small muted">{r.allowHelp}</p>
      <form class="act" method="post" action="/allow-list">
        <CsrfField token={page.csrfToken} />
        <input type="hidden" name="subject" value={finding.workId !== null ? `work:${finding.workId}` : `mark:${finding.markId}`} />
        <input type="hidden" name="back" value={`/findings/${finding.id}`} />
        <select name="choice" aria-label={r.ruleValue}>
          {choices.map(([kind, value]) => <option value={`${kind}|${value}`}>{`${r.ruleKinds[kind]}: ${value}`}</option>)}
        </select>
        <input type="text" name="note" maxlength={2000} placeholder={r.ruleNote} aria-label={r.ruleNote} />
        <button class="btn plain" type="submit">{r.addRule}</button>
      </form>
    </section>
  );
}

export interface DetailExtra {
  officers: Officer[];
  /** The queue's query string this finding was opened from, for "next" and for coming back. */
  q: string;
  nextId: number | undefined;
}

export function FindingDetailPage({ page, detail, extra = { officers: [], q: '', nextId: undefined } }: { page: PageContext; detail: FindingDetail; extra?: DetailExtra }) {
  const { t } = page;
  const { finding } = detail;
  const q = extra.q ? `?q=${encodeURIComponent(extra.q)}` : '';
  return (
    <Layout page={page} title={`${t.finding.title} #${finding.id}`}>
      <style dangerouslySetInnerHTML={{ __html: reviewCss }} />
      <div class="nav-findings small">
        <a href={extra.q ? `/findings?${extra.q}` : '/findings'} id="back-to-queue">{t.finding.back}</a>
        {extra.nextId ? <a href={`/findings/${extra.nextId}${q}`} id="next-finding" rel="next">{t.review.next}</a> : null}
      </div>
      <h1>
        {`${t.finding.title} #${finding.id} `}
        <StatusBadge status={finding.status} label={t.status[finding.status]} />{' '}
        <span class="muted small">{`${t.findings.score} ${formatScore(finding.score)} · ${formatVietnamTime(finding.createdAt)}`}</span>
      </h1>
      {page.user?.role === 'officer' ? <p class="keys">{t.review.detailShortcuts}</p> : null}
      <div class="side">
        <WorkPanel t={t} detail={detail} />
        <ListingPanel t={t} detail={detail} />
      </div>
      <p class="small"><a href={`/sellers/${detail.listing.id}`} id="seller-link">{`${t.review.sellerPage} →`}</a></p>
      <ReviewSection page={page} detail={detail} extra={extra} />
      <SignalsSection t={t} detail={detail} page={page} />
      <EvidenceSection page={page} detail={detail} />
      <CommentsSection page={page} detail={detail} />
      <AllowSection page={page} detail={detail} />
      <script src="/static/review.js" defer />
    </Layout>
  );
}
