import type { Messages } from '../i18n/i18n.ts';
import type { FindingDetail } from '../services/finding.service.ts';
import { formatVietnamTime, formatVnd } from './format.ts';
import { ImageFrame } from './image-frame.tsx';

/** The registered work, shown left of the listing so a reviewer compares them at a glance. */
export function WorkPanel({ t, detail }: { t: Messages; detail: FindingDetail }) {
  const { work, assets } = detail;
  if (!work) return <MarkPanel t={t} detail={detail} />;
  const images = assets.filter((a) => a.kind === 'image' && a.blobKey);
  return (
    <section class="card work" aria-labelledby="work-h">
      <h2 id="work-h">{t.finding.registeredWork}</h2>
      <div class={`images${images.length === 1 ? ' one' : ''}`}>
        {images.length ? images.map((a) => <ImageFrame src={`/files/assets/${a.id}`} alt={work.title} width={a.pixelWidth} height={a.pixelHeight} />) : <p class="muted">{t.finding.noImages}</p>}
      </div>
      <dl class="meta">
        <dt>{t.finding.workTitle}</dt>
        <dd><strong>{work.title}</strong></dd>
        <dt>{t.finding.type}</dt>
        <dd>{t.workTypes[work.type] ?? work.type}</dd>
        <dt>{t.finding.certificate}</dt>
        <dd>{work.certificateNo ?? '—'}</dd>
        {work.certificateDate ? (
          <>
            <dt>{t.finding.certificateDate}</dt>
            <dd>{work.certificateDate}</dd>
          </>
        ) : null}
        <dt>{t.finding.owners}</dt>
        <dd>{work.owners.map((o) => o.name).join('; ') || '—'}</dd>
        {work.authors.length ? (
          <>
            <dt>{t.finding.authors}</dt>
            <dd>{work.authors.join('; ')}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** A finding on a registered mark: the mark's name, kind, certificate and figurative image, if any. */
function MarkPanel({ t, detail }: { t: Messages; detail: FindingDetail }) {
  const { mark, assets } = detail;
  if (!mark) return null;
  const images = assets.filter((a) => a.kind === 'image' && a.blobKey);
  const nice = (mark.niceClasses as number[] | null) ?? [];
  return (
    <section class="card work" aria-labelledby="work-h">
      <h2 id="work-h">{t.finding.registeredMark}</h2>
      <div class={`images${images.length === 1 ? ' one' : ''}`}>
        {images.length ? images.map((a) => <ImageFrame src={`/files/assets/${a.id}`} alt={mark.name} width={a.pixelWidth} height={a.pixelHeight} />) : <p class="muted">{t.finding.noImages}</p>}
      </div>
      <dl class="meta">
        <dt>{t.finding.markName}</dt>
        <dd><strong>{mark.name}</strong></dd>
        <dt>{t.finding.markKind}</dt>
        <dd>{(t.registry.markKinds as Record<string, string>)[mark.kind] ?? mark.kind}</dd>
        <dt>{t.finding.certificate}</dt>
        <dd>{mark.certificateNo ?? '—'}</dd>
        {mark.expiresOn ? (
          <>
            <dt>{t.finding.validUntil}</dt>
            <dd>{String(mark.expiresOn)}</dd>
          </>
        ) : null}
        {nice.length ? (
          <>
            <dt>{t.finding.niceClasses}</dt>
            <dd>{nice.join(', ')}</dd>
          </>
        ) : null}
        <dt>{t.finding.owners}</dt>
        <dd>{mark.ownerName}</dd>
      </dl>
    </section>
  );
}

export function ListingPanel({ t, detail }: { t: Messages; detail: FindingDetail }) {
  const { listing, images } = detail;
  return (
    <section class="card listing" aria-labelledby="listing-h">
      <h2 id="listing-h">{t.finding.suspectedListing}</h2>
      <div class={`images${images.length === 1 ? ' one' : ''}`}>
        {images.length ? (
          images.map((img) =>
            img.blobKey ? (
              <ImageFrame src={`/files/listing-images/${img.id}`} alt={listing.title} width={img.pixelWidth} height={img.pixelHeight} />
            ) : (
              <span class="muted small">{`${t.finding.imageError}: ${img.error ?? img.url}`}</span>
            ),
          )
        ) : (
          <p class="muted">{t.finding.noImages}</p>
        )}
      </div>
      <dl class="meta">
        <dt>{t.finding.listingTitle}</dt>
        <dd><strong>{listing.title}</strong></dd>
        <dt>{t.finding.price}</dt>
        <dd class="price">{formatVnd(listing.priceVnd)}</dd>
        <dt>{t.finding.seller}</dt>
        <dd>
          {listing.sellerUrl ? (
            <a href={listing.sellerUrl} rel="noopener noreferrer nofollow" target="_blank">{listing.sellerName ?? listing.sellerUrl}</a>
          ) : (listing.sellerName ?? '—')}
        </dd>
        <dt>{t.findings.platform}</dt>
        <dd>{listing.platform}</dd>
        <dt>{t.finding.url}</dt>
        <dd><a href={listing.url} rel="noopener noreferrer nofollow" target="_blank" class="small">{listing.url}</a></dd>
        <dt>{t.finding.firstSeen}</dt>
        <dd class="small">{formatVietnamTime(listing.firstSeenAt)}</dd>
        <dt>{t.finding.lastSeen}</dt>
        <dd class="small">{formatVietnamTime(listing.lastSeenAt)}</dd>
      </dl>
    </section>
  );
}
