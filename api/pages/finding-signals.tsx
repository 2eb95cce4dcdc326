import type { Signal } from '../../matcher/matcher.schema.ts';
import type { Messages } from '../i18n/i18n.ts';
import type { FindingDetail } from '../services/finding.service.ts';
import { formatScore } from './format.ts';
import { highlightSpans } from './highlight.ts';
import { explainSignal } from '../services/finding.explain.ts';
import { ImageFrame } from './image-frame.tsx';

type Span = NonNullable<Signal['spans']>[number];

function Highlighted({ text, spans }: { text: string; spans: Span[] }) {
  return <>{highlightSpans(text, spans).map((s) => (s.marked ? <mark>{s.text}</mark> : s.text))}</>;
}

function regionText(box: Signal['workRegion'], ...names: (string | undefined)[]): string {
  const parts = [...names.filter(Boolean), box ? `${box.w}×${box.h} @ (${box.x}, ${box.y})` : undefined].filter(Boolean);
  return parts.join(' · ') || '—';
}

function ImageSignal({ t, signal, detail }: { t: Messages; signal: Signal; detail: FindingDetail }) {
  const asset = detail.assets.find((a) => a.id === signal.assetId);
  const image = detail.images.find((i) => i.id === signal.listingImageId);
  return (
    <div class="pair">
      <figure>
        {asset?.blobKey ? <ImageFrame src={`/files/assets/${asset.id}`} alt={detail.work?.title ?? detail.mark?.name ?? ''} width={asset.pixelWidth} height={asset.pixelHeight} region={signal.workRegion} /> : null}
        <figcaption>{`${t.finding.workRegion}: ${regionText(signal.workRegion, signal.workRegionName)}`}</figcaption>
      </figure>
      <figure>
        {image?.blobKey ? <ImageFrame src={`/files/listing-images/${image.id}`} alt={detail.listing.title} width={image.pixelWidth} height={image.pixelHeight} region={signal.listingRegion} /> : null}
        <figcaption>{`${t.finding.listingRegion}: ${regionText(signal.listingRegion, signal.listingRegionName, signal.variant)}`}</figcaption>
      </figure>
    </div>
  );
}

/** Shows each span inside the listing field it came from, so the reviewer sees it in context. */
function TextSignal({ t, signal, detail }: { t: Messages; signal: Signal; detail: FindingDetail }) {
  const spans = signal.spans ?? [];
  const fields: Record<string, string | null | undefined> = { title: detail.listing.title, description: detail.listing.description };
  const byField = new Map<string, Span[]>();
  for (const span of spans) byField.set(span.field, [...(byField.get(span.field) ?? []), span]);
  return (
    <div>
      <h3>{t.finding.matchedText}</h3>
      {[...byField.entries()].map(([field, texts]) => {
        const source = fields[field];
        return source ? (
          <div class="quote"><Highlighted text={source} spans={texts} /></div>
        ) : (
          <div class="quote"><span class="muted small">{`${field}: `}</span>{texts.map((span) => <mark>{span.text}</mark>)}</div>
        );
      })}
    </div>
  );
}

function imagePosition(detail: FindingDetail, signal: Signal): number | undefined {
  const index = detail.images.findIndex((i) => i.id === signal.listingImageId);
  return index >= 0 ? index + 1 : undefined;
}

export function SignalsSection({ t, detail, page }: { t: Messages; detail: FindingDetail; page: { locale: string } }) {
  return (
    <section class="card" aria-labelledby="signals-h">
      <h2 id="signals-h">{t.finding.signals}</h2>
      {detail.finding.signals.map((signal) => (
        <div class="signal">
          <div class="head">
            <span class="badge new">{signal.kind === 'image' ? t.finding.signalImage : t.finding.signalText}</span>
            <code class="hash">{signal.algorithm}</code>
            <strong>{formatScore(signal.score)}</strong>
            {signal.distance !== undefined ? (
              <span class="small muted">{`${t.finding.distance} ${signal.distance}${signal.threshold !== undefined ? ` (${t.finding.threshold} ${signal.threshold})` : ''}`}</span>
            ) : null}
          </div>
          <p class="explain">{explainSignal(t.review.explain, signal, { subject: detail.work?.title ?? detail.mark?.name ?? '', imagePosition: imagePosition(detail, signal) })}</p>
          {page.locale !== 'en' ? <p class="explain-orig" lang="en">{`${t.review.explain.original}: ${signal.explanation}`}</p> : null}
          {signal.kind === 'image' ? <ImageSignal t={t} signal={signal} detail={detail} /> : <TextSignal t={t} signal={signal} detail={detail} />}
        </div>
      ))}
    </section>
  );
}
