import type { FindingDetail } from '../services/finding.service.ts';
import { formatScore, formatUtc, formatVietnamTime } from './format.ts';
import { StatusBadge } from './findings-list.page.tsx';
import { SignalsSection } from './finding-signals.tsx';
import { ListingPanel, WorkPanel } from './finding-panels.tsx';
import { CsrfField, Layout, type PageContext } from './layout.tsx';

function EvidenceSection({ page, detail }: { page: PageContext; detail: FindingDetail }) {
  const { t } = page;
  return (
    <section class="card" aria-labelledby="evidence-h">
      <h2 id="evidence-h">{t.finding.evidence}</h2>
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

function ReviewSection({ page, detail }: { page: PageContext; detail: FindingDetail }) {
  const { t, user } = page;
  const canReview = user?.role === 'officer' && ['new', 'confirmed', 'dismissed'].includes(detail.finding.status);
  return (
    <section class="card" aria-labelledby="review-h">
      <h2 id="review-h">{t.finding.review}</h2>
      {canReview ? (
        <form class="review" method="post" action={`/findings/${detail.finding.id}/review`}>
          <CsrfField token={page.csrfToken} />
          <textarea name="note" placeholder={t.finding.note} aria-label={t.finding.note} maxlength={2000} />
          {detail.finding.status !== 'confirmed' ? <button class="btn danger" type="submit" name="status" value="confirmed">{t.finding.confirm}</button> : null}
          {detail.finding.status !== 'dismissed' ? <button class="btn plain" type="submit" name="status" value="dismissed">{t.finding.dismiss}</button> : null}
        </form>
      ) : null}
      {detail.reviews.length ? (
        <ol class="history">
          {detail.reviews.map((r) => (
            <li>
              {`${formatVietnamTime(r.createdAt)} — ${r.reviewerName}: ${t.status[r.fromStatus as 'new'] ?? r.fromStatus} → ${t.status[r.toStatus as 'new'] ?? r.toStatus}`}
              {r.note ? <span class="muted">{` — ${r.note}`}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

export function FindingDetailPage({ page, detail }: { page: PageContext; detail: FindingDetail }) {
  const { t } = page;
  const { finding } = detail;
  return (
    <Layout page={page} title={`${t.finding.title} #${finding.id}`}>
      <p class="small"><a href="/findings">{t.finding.back}</a></p>
      <h1>
        {`${t.finding.title} #${finding.id} `}
        <StatusBadge status={finding.status} label={t.status[finding.status]} />{' '}
        <span class="muted small">{`${t.findings.score} ${formatScore(finding.score)} · ${formatVietnamTime(finding.createdAt)}`}</span>
      </h1>
      <div class="side">
        <WorkPanel t={t} detail={detail} />
        <ListingPanel t={t} detail={detail} />
      </div>
      <ReviewSection page={page} detail={detail} />
      <SignalsSection t={t} detail={detail} />
      <EvidenceSection page={page} detail={detail} />
    </Layout>
  );
}
