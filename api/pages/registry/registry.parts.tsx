import type { Asset } from '../../../fingerprints/fingerprints.schema.ts';
import type { FingerprintProgress } from '../../../fingerprints/registry/registry.types.ts';
import { CsrfField, type PageContext } from '../layout.tsx';
import { listHref } from './registry.form.ts';

export function Pager({ page, base, filters, offset, limit, total }: { page: PageContext; base: string; filters: Record<string, string | undefined>; offset: number; limit: number; total: number }) {
  const c = page.t.registry.common;
  if (total <= limit && offset === 0) return <p class="muted small">{`${total} ${c.results}`}</p>;
  const pageNo = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <p class="pager">
      {offset > 0 ? <a class="btn plain" href={listHref(base, filters, Math.max(0, offset - limit))}>{c.previous}</a> : null}{' '}
      <span class="muted small">{`${c.page} ${pageNo}/${pages} · ${total} ${c.results}`}</span>{' '}
      {offset + limit < total ? <a class="btn plain" href={listHref(base, filters, offset + limit)}>{c.next}</a> : null}
    </p>
  );
}

export function Progress({ page, progress }: { page: PageContext; progress: FingerprintProgress }) {
  const f = page.t.registry.fingerprint;
  if (progress.state === 'none') return <p class="muted small" data-fingerprint="none">{f.none}</p>;
  const label = { pending: f.pending, running: f.running, ready: f.done, failed: f.failed }[progress.state] ?? progress.state;
  const pct = progress.assetsTotal ? Math.round((100 * progress.assetsDone) / progress.assetsTotal) : progress.state === 'ready' ? 100 : 0;
  return (
    <div data-fingerprint={progress.state}>
      <p>
        <span class={`badge ${progress.state === 'ready' ? 'done' : progress.state}`}>{label}</span>{' '}
        {progress.assetsTotal ? <span class="small muted">{f.progress!.replace('{done}', String(progress.assetsDone)).replace('{total}', String(progress.assetsTotal))}</span> : null}
      </p>
      <div class="progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}><span style={`width:${pct}%`}></span></div>
      {progress.error ? <p class="field-error">{progress.error}</p> : null}
    </div>
  );
}

/** Assets of a work or mark: images as thumbnails, texts quoted, documents as links; delete for writers. */
export function AssetList({ page, assets, deleteBase, canWrite }: { page: PageContext; assets: Asset[]; deleteBase: string; canWrite: boolean }) {
  const w = page.t.registry.works;
  if (!assets.length) return <p class="muted">{w.noAssets}</p>;
  return (
    <div class="thumbs">
      {assets.map((a) => (
        <figure data-asset-id={String(a.id)} data-kind={a.kind}>
          {a.kind === 'image' && a.blobKey ? <img src={`/files/assets/${a.id}`} alt={a.originalName ?? ''} loading="lazy" /> : null}
          {a.kind === 'text' ? <div class="quote small">{(a.content ?? '').slice(0, 300) || '…'}</div> : null}
          {a.kind === 'document' && a.blobKey ? <a href={`/files/assets/${a.id}`}>{a.originalName ?? a.mime}</a> : null}
          <figcaption>{`${a.originalName ?? a.kind} · ${a.mime ?? ''}${a.width ? ` · ${a.width}×${a.height}` : ''}`}</figcaption>
          {canWrite ? (
            <form method="post" action={`${deleteBase}/${a.id}/delete`} class="inline">
              <CsrfField token={page.csrfToken} />
              <button class="linklike small" type="submit">{w.deleteAsset}</button>
            </form>
          ) : null}
        </figure>
      ))}
    </div>
  );
}

export function FormAlert({ page, error }: { page: PageContext; error: string | undefined }) {
  return error ? (
    <div class="alert" role="alert">
      {page.t.registry.common.formErrors} {error}
    </div>
  ) : null;
}

export function Notice({ message }: { message: string | undefined }) {
  return message ? <div class="notice" role="status">{message}</div> : null;
}
