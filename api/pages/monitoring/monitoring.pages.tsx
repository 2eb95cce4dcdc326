import { Hono, type Context } from 'hono';
import { ZodError } from 'zod';
import { AppError, localizedMessage, NotFoundError, PayloadTooLargeError } from '../../../core/errors/errors.ts';
import { SourceSessionService } from '../../../crawler/session/session.service.ts';
import { MAX_STORAGE_STATE_BYTES } from '../../../crawler/session/storage-state.schema.ts';
import { SessionPanel } from './session.panel.tsx';
import type { Locale } from '../../i18n/i18n.ts';
import type { CrawlRun } from '../../../crawler/crawler.schema.ts';
import type { ApiServices } from '../../api.services.ts';
import type { AppEnv } from '../../app.types.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { currentUser } from '../../routes/api.router.ts';
import { SourceBodySchema, draftOf } from '../../routes/sources/source.dto.ts';
import { MONITORING_READERS, STEERING_ROLES, actorOf, monitoringServices } from '../../routes/sources/monitoring.services.ts';
import { CsrfField } from '../layout.tsx';
import { pageContext } from '../pages.routes.tsx';
import { CaptureDetail, CapturesPage, MonitoringLayout, RunDetail, RunsTable, SourceForm, SourcesListPage, formValuesOf, type SourceFormValues } from './monitoring.views.tsx';

/** Route ids are digits; anything past int4 cannot exist. */
function idParam(c: Context<AppEnv>): number {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw new NotFoundError(`${c.req.param('id')} not found`);
  return id;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The form's strings as typed values for the same schema as the REST body (empty numbers = default/null). */
function formValues(body: Record<string, unknown>): SourceFormValues {
  const v: SourceFormValues = { ignoreRobots: body.ignoreRobots === 'on', allowInternal: body.allowInternal === 'on', enabled: body.enabled === 'on' };
  for (const k of ['name', 'kind', 'startUrl', 'query', 'adapter', 'schedule', 'maxPages', 'maxDepth', 'concurrency', 'ratePerMinute'] as const) v[k] = str(body[k])?.slice(0, 2000) ?? '';
  return v;
}

function parseForm(v: SourceFormValues) {
  const num = (s: string | undefined) => (s && s.trim() ? Number(s) : undefined);
  return SourceBodySchema.parse({
    name: v.name,
    kind: v.kind || 'site',
    startUrl: v.startUrl,
    query: v.query || null,
    adapter: v.adapter || 'generic',
    schedule: v.schedule || null,
    ...(num(v.maxPages) !== undefined ? { maxPages: num(v.maxPages) } : {}),
    ...(num(v.maxDepth) !== undefined ? { maxDepth: num(v.maxDepth) } : {}),
    concurrency: num(v.concurrency) ?? null,
    ratePerMinute: num(v.ratePerMinute) ?? null,
    ignoreRobots: v.ignoreRobots,
    allowInternal: v.allowInternal,
    enabled: v.enabled,
  });
}

/** An officer's mistake is shown on the form (4xx); anything else goes to the app's error handler. */
function formError(error: unknown, locale: Locale): { message: string; status: 400 | 403 | 409 } | undefined {
  if (error instanceof ZodError) return { message: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), status: 400 };
  if (error instanceof AppError && (error.status === 400 || error.status === 403 || error.status === 409)) return { message: localizedMessage(error, locale), status: error.status };
  return undefined;
}

/** Officer pages: sources (list, create, edit, run now, delete), runs (progress, cancel), manual captures. */
export function createMonitoringPagesRouter(services: ApiServices): Hono<AppEnv> {
  const { deps } = services;
  const m = monitoringServices(deps);
  const router = new Hono<AppEnv>();
  const readers = requireRole(MONITORING_READERS, { loginPath: '/login' });
  const steering = requireRole(STEERING_ROLES, { loginPath: '/login' });
  const canSteer = (c: Context<AppEnv>) => STEERING_ROLES.includes(currentUser(c).role);
  const sessions = new SourceSessionService(deps);

  router.get('/monitoring', readers, (c) => c.redirect('/monitoring/sources', 302));

  router.get('/monitoring/sources', readers, async (c) => {
    const sources = await m.sources.listSources({ includeManual: false });
    const lastRuns = new Map<number, CrawlRun>();
    for (const s of sources) {
      const [run] = await m.sources.listRuns({ sourceId: s.id, limit: 1 });
      if (run) lastRuns.set(s.id, run);
    }
    return c.html(<SourcesListPage page={pageContext(c)} sources={sources} lastRuns={lastRuns} canSteer={canSteer(c)} />);
  });

  const formPage = (c: Context<AppEnv>, title: string, action: string, values: SourceFormValues, error?: string) => {
    const page = pageContext(c);
    return (
      <MonitoringLayout page={page} title={title}>
        <p><a href="/monitoring/sources">{page.t.monitoring.back}</a></p>
        <h1>{title}</h1>
        {error ? <div class="mon-error" role="alert">{error}</div> : null}
        <SourceForm page={page} action={action} values={values} submit={action.endsWith('/sources') ? page.t.monitoring.create : page.t.monitoring.save} />
      </MonitoringLayout>
    );
  };

  router.get('/monitoring/sources/new', steering, (c) => c.html(formPage(c, c.var.t.monitoring.newSource, '/monitoring/sources', { enabled: true, maxPages: '200', maxDepth: '5' })));

  router.post('/monitoring/sources', steering, async (c) => {
    const values = formValues(await c.req.parseBody());
    try {
      const source = await m.sourceService.create(parseForm(values), actorOf(currentUser(c)));
      return c.redirect(`/monitoring/sources/${source.id}`, 303);
    } catch (error) {
      const problem = formError(error, c.var.locale);
      if (!problem) throw error;
      return c.html(formPage(c, c.var.t.monitoring.newSource, '/monitoring/sources', values, problem.message), problem.status);
    }
  });

  const detailPage = async (c: Context<AppEnv>, id: number, values?: SourceFormValues, error?: string, notice?: string) => {
    const source = await m.sourceService.getOrThrow(id);
    if (source.kind === 'manual') throw new NotFoundError(`source ${id} not found`);
    const page = pageContext(c);
    const t = page.t.monitoring;
    const [runs, schedule] = await Promise.all([m.sources.listRuns({ sourceId: id, limit: 50 }), m.schedules.get(id).catch(() => undefined)]);
    const steer = canSteer(c);
    return (
      <MonitoringLayout page={page} title={source.name} refresh={runs.some((r) => r.status === 'queued' || r.status === 'running')}>
        <p><a href="/monitoring/sources">{t.back}</a></p>
        <h1>{source.name}</h1>
        {notice ? <div class="mon-note">{notice}</div> : null}
        <p class="muted">{t.nextRun}: {schedule?.next ? schedule.next.toISOString() : '—'} · <span class="mon-url">{source.startUrl}</span></p>
        {steer ? (
          <div class="mon-actions">
            <form method="post" action={`/monitoring/sources/${id}/run`}><CsrfField token={page.csrfToken} /><button class="btn primary" type="submit">{t.runNow}</button></form>
          </div>
        ) : null}
        <h2>{t.runs}</h2>
        <RunsTable page={page} runs={runs} />
        <SessionPanel page={page} sourceId={id} summary={await sessions.summary(id)} canSteer={steer} />
        {steer ? (
          <>
            <h2>{t.editSource}</h2>
            {error ? <div class="mon-error" role="alert">{error}</div> : null}
            <SourceForm page={page} action={`/monitoring/sources/${id}`} values={values ?? formValuesOf(source)} submit={t.save} />
            <form method="post" action={`/monitoring/sources/${id}/delete`} class="mon-actions"><CsrfField token={page.csrfToken} /><button class="btn danger" type="submit">{t.delete}</button></form>
          </>
        ) : null}
      </MonitoringLayout>
    );
  };

  router.get('/monitoring/sources/:id{[0-9]+}', readers, async (c) => c.html(await detailPage(c, idParam(c), undefined, undefined, c.req.query('busy') ? c.var.t.monitoring.alreadyRunning : undefined)));

  router.post('/monitoring/sources/:id{[0-9]+}', steering, async (c) => {
    const id = idParam(c);
    const values = formValues(await c.req.parseBody());
    try {
      const before = await m.sourceService.getOrThrow(id);
      await m.sourceService.update(id, { ...draftOf(before), ...parseForm(values) }, actorOf(currentUser(c)));
      return c.redirect(`/monitoring/sources/${id}`, 303);
    } catch (error) {
      const problem = formError(error, c.var.locale);
      if (!problem) throw error;
      return c.html(await detailPage(c, id, values, problem.message), problem.status);
    }
  });

  router.post('/monitoring/sources/:id{[0-9]+}/session', steering, async (c) => {
    const id = idParam(c);
    const body = await c.req.parseBody();
    const file = body.state;
    const text = file instanceof File ? (file.size > MAX_STORAGE_STATE_BYTES ? null : await file.text()) : typeof file === 'string' ? file : '';
    try {
      if (text === null) throw new PayloadTooLargeError(`browser session larger than ${MAX_STORAGE_STATE_BYTES / 1024 / 1024} MB`);
      await sessions.save(id, text, actorOf(currentUser(c)));
      return c.html(await detailPage(c, id, undefined, undefined, c.var.t.monitoring.sessionSaved));
    } catch (error) {
      const problem = formError(error, c.var.locale) ?? (error instanceof PayloadTooLargeError ? { message: localizedMessage(error, c.var.locale), status: 400 as const } : undefined);
      if (!problem) throw error;
      return c.html(await detailPage(c, id, undefined, problem.message), problem.status);
    }
  });

  router.post('/monitoring/sources/:id{[0-9]+}/session/delete', steering, async (c) => {
    const id = idParam(c);
    await sessions.remove(id, actorOf(currentUser(c)));
    return c.html(await detailPage(c, id, undefined, undefined, c.var.t.monitoring.sessionRemoved));
  });

  router.post('/monitoring/sources/:id{[0-9]+}/delete', steering, async (c) => {
    await m.sourceService.remove(idParam(c), actorOf(currentUser(c)));
    return c.redirect('/monitoring/sources', 303);
  });

  router.post('/monitoring/sources/:id{[0-9]+}/run', steering, async (c) => {
    const id = idParam(c);
    const { run, created } = await m.runs.runNow(id, currentUser(c).id);
    return c.redirect(created ? `/monitoring/runs/${run.id}` : `/monitoring/sources/${id}?busy=1`, 303);
  });

  router.get('/monitoring/runs/:id{[0-9]+}', readers, async (c) => {
    const run = await m.sources.getRun(idParam(c));
    if (!run) throw new NotFoundError(`run ${c.req.param('id')} not found`);
    const source = await m.sources.getSource(run.sourceId);
    return c.html(<RunDetail page={pageContext(c)} run={run} source={source} canSteer={canSteer(c)} />);
  });

  router.post('/monitoring/runs/:id{[0-9]+}/cancel', steering, async (c) => {
    const id = idParam(c);
    await m.runs.cancel(id).catch((error: unknown) => {
      if (!(error instanceof AppError && error.status === 409)) throw error;
    });
    return c.redirect(`/monitoring/runs/${id}`, 303);
  });

  router.get('/monitoring/captures', readers, async (c) => c.html(<CapturesPage page={pageContext(c)} captures={await m.captures.list({ limit: 100 })} canSteer={canSteer(c)} />));

  router.post('/monitoring/captures', steering, async (c) => {
    const body = await c.req.parseBody();
    const url = str(body.url)?.slice(0, 4000) ?? '';
    try {
      const capture = await m.captureService.request({ url, internal: body.internal === 'on', requestedBy: currentUser(c).id });
      return c.redirect(`/monitoring/captures/${capture.id}`, 303);
    } catch (error) {
      const problem = formError(error, c.var.locale);
      if (!problem) throw error;
      return c.html(<CapturesPage page={pageContext(c)} captures={await m.captures.list({ limit: 100 })} error={problem.message} url={url} canSteer />, problem.status);
    }
  });

  router.get('/monitoring/captures/:id{[0-9]+}', readers, async (c) => {
    const capture = await m.captures.get(idParam(c));
    if (!capture) throw new NotFoundError(`capture ${c.req.param('id')} not found`);
    const listing = capture.listingId ? await m.listings.get(capture.listingId) : undefined;
    const findings = capture.listingId ? await m.findings.list({ listingId: capture.listingId, limit: 50 }) : [];
    return c.html(<CaptureDetail page={pageContext(c)} capture={capture} listingTitle={listing?.title} findings={findings} />);
  });

  return router;
}
