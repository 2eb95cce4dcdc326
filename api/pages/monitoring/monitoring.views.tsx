import type { Capture, CrawlRun, Source } from '../../../crawler/crawler.schema.ts';
import { adapterNames } from '../../../crawler/adapters/adapter.registry.ts';
import type { Finding } from '../../../matcher/matcher.schema.ts';
import { formatVietnamTime } from '../format.ts';
import { CsrfField, Layout, type PageContext } from '../layout.tsx';

const css = `.mon-form label{display:block;font-size:.88rem;color:var(--muted);margin:.7rem 0 .2rem}
.mon-form input[type=text],.mon-form input[type=number],.mon-form input[type=url],.mon-form select{width:100%;max-width:40rem;padding:.45rem .55rem;border:1px solid #b8c1cc;border-radius:6px;font:inherit}
.mon-form .check{display:flex;gap:.5rem;align-items:center;color:var(--ink)}.mon-actions{display:flex;gap:.6rem;flex-wrap:wrap;margin:.8rem 0}
.mon-error{background:#fdecea;border:1px solid #f5c2bd;color:#7a1c12;padding:.6rem .8rem;border-radius:6px;margin:.6rem 0}
.mon-note{background:#eef6ff;border:1px solid #c6dcf5;padding:.6rem .8rem;border-radius:6px;margin:.6rem 0}
.badge.running,.badge.queued{background:#1d5fa8}.badge.succeeded{background:var(--ok)}.badge.failed{background:var(--confirmed)}.badge.cancelled,.badge.interrupted{background:#b26a00}
.mon-dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}.mon-dl dt{color:var(--muted)}.mon-url{word-break:break-all}`;

export function MonitoringLayout({ page, title, refresh, children }: { page: PageContext; title: string; refresh?: boolean; children?: unknown }) {
  const t = page.t.monitoring;
  return (
    <Layout page={page} title={title}>
      {refresh ? <meta http-equiv="refresh" content="5" /> : null}
      <style dangerouslySetInnerHTML={{ __html: css }} />
      <nav class="filters">
        <a href="/monitoring/sources">{t.sources}</a>
        <a href="/monitoring/captures">{t.captures}</a>
      </nav>
      {children as never}
    </Layout>
  );
}

export function RunBadge({ page, status }: { page: PageContext; status: string }) {
  return <span class={`badge ${status}`}>{page.t.monitoring.statuses[status] ?? status}</span>;
}

const when = (d: Date | null | undefined) => (d ? formatVietnamTime(d) : '—');

export function SourcesListPage({ page, sources, lastRuns, canSteer }: { page: PageContext; sources: Source[]; lastRuns: Map<number, CrawlRun>; canSteer: boolean }) {
  const t = page.t.monitoring;
  return (
    <MonitoringLayout page={page} title={t.sources}>
      <h1>{t.sources}</h1>
      {canSteer ? <p><a class="btn primary" href="/monitoring/sources/new">{t.newSource}</a></p> : null}
      {sources.length === 0 ? <div class="card muted">{t.none}</div> : (
        <table class="list">
          <thead><tr><th>{t.name}</th><th>{t.kind}</th><th>{t.schedule}</th><th>{t.enabled}</th><th>{t.lastRun}</th></tr></thead>
          <tbody>
            {sources.map((s) => {
              const run = lastRuns.get(s.id);
              return (
                <tr data-source-id={String(s.id)}>
                  <td><a href={`/monitoring/sources/${s.id}`}>{s.name}</a><div class="muted small mon-url">{s.startUrl}</div></td>
                  <td>{t.kinds[s.kind] ?? s.kind}{s.query ? <div class="small">“{s.query}”</div> : null}</td>
                  <td><code>{s.schedule ?? '—'}</code></td>
                  <td>{s.enabled ? t.yes : t.no}</td>
                  <td>{run ? <a href={`/monitoring/runs/${run.id}`}><RunBadge page={page} status={run.status} /> {when(run.createdAt)}</a> : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </MonitoringLayout>
  );
}

export type SourceFormValues = Partial<Record<'name' | 'kind' | 'startUrl' | 'query' | 'adapter' | 'schedule' | 'maxPages' | 'maxDepth' | 'concurrency' | 'ratePerMinute', string>> & { ignoreRobots?: boolean; allowInternal?: boolean; enabled?: boolean };

export function formValuesOf(s: Source): SourceFormValues {
  return {
    name: s.name,
    kind: s.kind,
    startUrl: s.kind === 'search' && s.searchTemplate ? s.searchTemplate : s.startUrl,
    query: s.query ?? '',
    adapter: s.adapter,
    schedule: s.schedule ?? '',
    maxPages: String(s.maxPages),
    maxDepth: String(s.maxDepth),
    concurrency: s.concurrency ? String(s.concurrency) : '',
    ratePerMinute: s.ratePerMinute ? String(s.ratePerMinute) : '',
    ignoreRobots: s.ignoreRobots,
    allowInternal: s.allowInternal,
    enabled: s.enabled,
  };
}

export function SourceForm({ page, action, values, submit }: { page: PageContext; action: string; values: SourceFormValues; submit: string }) {
  const t = page.t.monitoring;
  const text = (name: keyof SourceFormValues, label: string, type = 'text', extra: Record<string, string> = {}) => (
    <>
      <label for={`f-${name}`}>{label}</label>
      <input id={`f-${name}`} name={name} type={type} value={(values[name] as string | undefined) ?? ''} {...extra} />
    </>
  );
  const check = (name: 'ignoreRobots' | 'allowInternal' | 'enabled', label: string) => (
    <label class="check"><input type="checkbox" name={name} value="on" checked={!!values[name]} /> {label}</label>
  );
  return (
    <form class="mon-form card" method="post" action={action}>
      <CsrfField token={page.csrfToken} />
      {text('name', t.name, 'text', { required: 'required', maxlength: '200' })}
      <label for="f-kind">{t.kind}</label>
      <select id="f-kind" name="kind">
        {(['site', 'search'] as const).map((k) => <option value={k} selected={(values.kind ?? 'site') === k}>{t.kinds[k]}</option>)}
      </select>
      {text('startUrl', t.startUrl, 'text', { required: 'required', maxlength: '2000' })}
      {text('query', t.query, 'text', { maxlength: '200' })}
      <label for="f-adapter">{t.adapter}</label>
      <select id="f-adapter" name="adapter">
        {adapterNames().map((a) => <option value={a} selected={(values.adapter ?? 'generic') === a}>{a}</option>)}
      </select>
      {text('schedule', t.schedule, 'text', { maxlength: '120', placeholder: '0 2 * * *' })}
      <div class="muted small">{t.scheduleHelp}</div>
      {text('maxPages', t.maxPages, 'number', { min: '1', max: '100000' })}
      {text('maxDepth', t.maxDepth, 'number', { min: '0', max: '50' })}
      {text('concurrency', t.concurrency, 'number', { min: '1', max: '16' })}
      {text('ratePerMinute', t.rate, 'number', { min: '1', max: '600' })}
      {check('enabled', t.enabled)}
      {check('ignoreRobots', t.ignoreRobots)}
      {check('allowInternal', t.internal)}
      <div class="mon-actions"><button class="btn primary" type="submit">{submit}</button></div>
    </form>
  );
}

export function RunsTable({ page, runs }: { page: PageContext; runs: CrawlRun[] }) {
  const t = page.t.monitoring;
  if (!runs.length) return <div class="card muted">{t.none}</div>;
  return (
    <table class="list">
      <thead><tr><th>{t.run}</th><th>{t.status}</th><th>{t.trigger}</th><th class="num">{t.pages}</th><th class="num">{t.listings}</th><th class="num">{t.errors}</th><th>{t.started}</th><th>{t.finished}</th></tr></thead>
      <tbody>
        {runs.map((r) => (
          <tr data-run-id={String(r.id)}>
            <td><a href={`/monitoring/runs/${r.id}`}>#{r.id}</a></td>
            <td><RunBadge page={page} status={r.status} /></td>
            <td>{r.trigger}</td>
            <td class="num">{r.pagesVisited}</td>
            <td class="num">{r.listingsFound} <span class="muted small">({r.listingsNew} {t.listingsNew}, {r.listingsChanged} {t.listingsChanged})</span></td>
            <td class="num">{r.errorCount}</td>
            <td class="small">{when(r.startedAt)}</td>
            <td class="small">{when(r.finishedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RunDetail({ page, run, source, canSteer, notice }: { page: PageContext; run: CrawlRun; source: Source | undefined; canSteer: boolean; notice?: string | undefined }) {
  const t = page.t.monitoring;
  const active = run.status === 'queued' || run.status === 'running';
  return (
    <MonitoringLayout page={page} title={`${t.run} #${run.id}`} refresh={active}>
      <p><a href={source && source.kind !== 'manual' ? `/monitoring/sources/${source.id}` : '/monitoring/captures'}>{source && source.kind !== 'manual' ? `← ${source.name}` : t.backCaptures}</a></p>
      <h1>{t.run} #{run.id} <RunBadge page={page} status={run.status} /></h1>
      {notice ? <div class="mon-note">{notice}</div> : null}
      {run.cancelRequestedAt && active ? <div class="mon-note">{t.cancelRequested}</div> : null}
      <dl class="mon-dl card">
        <dt>{t.trigger}</dt><dd>{run.trigger}</dd>
        <dt>{t.pages}</dt><dd data-field="pages">{run.pagesVisited}</dd>
        <dt>{t.listings}</dt><dd data-field="listings">{run.listingsFound} ({run.listingsNew} {t.listingsNew}, {run.listingsChanged} {t.listingsChanged})</dd>
        <dt>{t.errors}</dt><dd>{run.errorCount}</dd>
        <dt>{t.started}</dt><dd>{when(run.startedAt)}</dd>
        <dt>{t.finished}</dt><dd>{when(run.finishedAt)}</dd>
      </dl>
      {active && canSteer ? (
        <form method="post" action={`/monitoring/runs/${run.id}/cancel`} class="mon-actions">
          <CsrfField token={page.csrfToken} />
          <button class="btn danger" type="submit">{t.cancel}</button>
        </form>
      ) : null}
      {active ? <p class="muted small">{t.autoRefresh}</p> : null}
      {run.errors.length ? (
        <table class="list">
          <thead><tr><th>URL</th><th>{t.errors}</th></tr></thead>
          <tbody>{run.errors.slice(0, 200).map((e) => <tr><td class="mon-url small">{e.url}</td><td>{e.message}</td></tr>)}</tbody>
        </table>
      ) : null}
    </MonitoringLayout>
  );
}

export function CapturesPage({ page, captures, error, url, canSteer }: { page: PageContext; captures: Capture[]; error?: string | undefined; url?: string | undefined; canSteer: boolean }) {
  const t = page.t.monitoring;
  return (
    <MonitoringLayout page={page} title={t.captures} refresh={captures.some((c) => c.status === 'queued' || c.status === 'running')}>
      <h1>{t.captures}</h1>
      {canSteer ? (
        <form class="mon-form card" method="post" action="/monitoring/captures">
          <CsrfField token={page.csrfToken} />
          <p class="muted">{t.captureHelp}</p>
          {error ? <div class="mon-error" role="alert">{error}</div> : null}
          <label for="f-url">{t.captureUrl}</label>
          <input id="f-url" name="url" type="text" required maxlength={2000} value={url ?? ''} />
          <label class="check"><input type="checkbox" name="internal" value="on" /> {t.captureInternal}</label>
          <div class="mon-actions"><button class="btn primary" type="submit">{t.capture}</button></div>
        </form>
      ) : null}
      {captures.length === 0 ? <div class="card muted">{t.none}</div> : (
        <table class="list">
          <thead><tr><th>URL</th><th>{t.status}</th><th>{t.listing}</th><th>{t.started}</th></tr></thead>
          <tbody>
            {captures.map((c) => (
              <tr data-capture-id={String(c.id)}>
                <td class="mon-url"><a href={`/monitoring/captures/${c.id}`}>{c.url}</a>{c.error ? <div class="small muted">{c.error}</div> : null}</td>
                <td><RunBadge page={page} status={c.status} /></td>
                <td>{c.listingId ? <a href={`/monitoring/captures/${c.id}`}>#{c.listingId}</a> : '—'}</td>
                <td class="small">{when(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </MonitoringLayout>
  );
}

export function CaptureDetail({ page, capture, listingTitle, findings }: { page: PageContext; capture: Capture; listingTitle: string | undefined; findings: Finding[] }) {
  const t = page.t.monitoring;
  const active = capture.status === 'queued' || capture.status === 'running';
  return (
    <MonitoringLayout page={page} title={`${t.capture} #${capture.id}`} refresh={active || (capture.status === 'succeeded' && !findings.length)}>
      <p><a href="/monitoring/captures">{t.backCaptures}</a></p>
      <h1>{t.capture} #{capture.id} <RunBadge page={page} status={capture.status} /></h1>
      <dl class="mon-dl card">
        <dt>URL</dt><dd class="mon-url">{capture.url}</dd>
        {capture.error ? <><dt>{t.errors}</dt><dd>{capture.error}</dd></> : null}
        {capture.runId ? <><dt>{t.run}</dt><dd><a href={`/monitoring/runs/${capture.runId}`}>#{capture.runId}</a></dd></> : null}
        {capture.listingId ? <><dt>{t.listing}</dt><dd>{listingTitle ?? `#${capture.listingId}`} · <a href={`/api/v1/listings/${capture.listingId}`}>{t.viewListing}</a></dd></> : null}
      </dl>
      {capture.listingId ? (
        <section class="card">
          <h2>{t.findings}</h2>
          {findings.length ? <ul>{findings.map((f) => <li><a href={`/findings/${f.id}`}>#{f.id}</a> · {f.status} · {f.score.toFixed(2)}</li>)}</ul> : <p class="muted">{t.noFindings}</p>}
        </section>
      ) : null}
    </MonitoringLayout>
  );
}
