import type { Context, Hono } from 'hono';
import { AppError, ConflictError, localizedMessage, NotFoundError, ValidationError } from '../../../core/errors/errors.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { workStatuses, workTypes, type WorkStatus, type WorkType } from '../../../fingerprints/fingerprints.schema.ts';
import type { ApiServices } from '../../api.services.ts';
import type { AppEnv } from '../../app.types.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { currentUser } from '../../routes/api.router.ts';
import { toActor } from '../../routes/registry/registry.actor.ts';
import { asUploadError, readAssetUpload } from '../../routes/registry/upload.form.ts';
import { pageId } from '../accounts/accounts.pages.tsx';
import { pageContext } from '../pages.routes.tsx';
import { stringFields, workFromForm } from './registry.form.ts';
import { WorkDetailPage, WorkFormPage, WorksListPage, workValues, type WorkFilters } from './works.page.tsx';

const LIMIT = 25;

/** A refusal the user can fix (bad field, taken certificate, wrong file): shown on the form, not as an error page. */
export function formError(error: unknown, locale: Locale): string | undefined {
  if (error instanceof AppError && error.status < 500 && !(error instanceof NotFoundError) && error.status !== 403) return localizedMessage(error, locale);
  return undefined;
}

export function offsetOf(value: string | undefined): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 && n <= 1_000_000 ? n : 0;
}

export function registerWorkPages(router: Hono<AppEnv>, services: ApiServices): void {
  const { deps, portal } = services;
  const { registry } = portal;
  const signedIn = requireRole([], { loginPath: '/login' });
  const writers = requireRole(['officer', 'rights_holder'], { loginPath: '/login' });
  const LIST = '/registry';

  router.get(LIST, signedIn, async (c) => {
    const user = currentUser(c);
    const q = (key: string, max = 200) => c.req.query(key)?.trim().slice(0, max) || undefined;
    const filters: WorkFilters = { q: q('q'), type: q('type'), status: q('status'), certificateNo: q('certificateNo', 64), ownerId: q('ownerId', 12) };
    const ownerId = Number(filters.ownerId);
    const offset = offsetOf(c.req.query('offset'));
    const result = await registry.listWorks(toActor(user), {
      q: filters.q,
      type: workTypes.includes(filters.type as WorkType) ? (filters.type as WorkType) : undefined,
      status: workStatuses.includes(filters.status as WorkStatus) ? (filters.status as WorkStatus) : undefined,
      certificateNo: filters.certificateNo,
      ownerId: Number.isSafeInteger(ownerId) && ownerId > 0 && ownerId <= 2_147_483_647 ? ownerId : undefined,
      limit: LIMIT,
      offset,
    });
    const owners = user.role === 'rights_holder' ? [] : (await registry.listParties(toActor(user), { limit: 500 })).rows;
    return c.html(<WorksListPage page={pageContext(c)} result={result} filters={filters} offset={offset} limit={LIMIT} owners={owners} />);
  });

  router.get(`${LIST}/works/new`, writers, (c) => c.html(<WorkFormPage page={pageContext(c)} values={{ type: 'fine_art' }} />));

  router.post(`${LIST}/works`, writers, async (c) => {
    const user = currentUser(c);
    const form = stringFields(await c.req.parseBody());
    try {
      const work = await registry.createWork(toActor(user), workFromForm(form, { editing: false, ownersAllowed: user.role === 'officer' }));
      return c.redirect(`${LIST}/works/${work.id}?done=created`, 303);
    } catch (error) {
      const message = formError(error, c.var.locale);
      if (!message) throw error;
      return c.html(<WorkFormPage page={pageContext(c)} values={form} error={message} />, error instanceof ConflictError ? 409 : 400);
    }
  });

  const detail = async (c: Context<AppEnv>, id: number, extra: { message?: string; error?: string } = {}, status: 200 | 400 | 409 | 413 | 415 = 200) => {
    const work = await registry.getWork(toActor(currentUser(c)), id);
    return c.html(<WorkDetailPage page={pageContext(c)} work={work} maxImageBytes={deps.config.maxImageBytes} {...extra} />, status);
  };

  router.get(`${LIST}/works/:id{[0-9]+}`, signedIn, (c) => {
    const done = c.req.query('done');
    const w = c.var.t.registry.works;
    return detail(c, pageId(c, 'work'), done === 'created' ? { message: w.created } : done ? { message: c.var.t.registry.common.saved } : {});
  });

  router.get(`${LIST}/works/:id{[0-9]+}/edit`, writers, async (c) => {
    const work = await registry.getWork(toActor(currentUser(c)), pageId(c, 'work'));
    return c.html(<WorkFormPage page={pageContext(c)} work={work} values={workValues(work)} />);
  });

  router.post(`${LIST}/works/:id{[0-9]+}`, writers, async (c) => {
    const user = currentUser(c);
    const id = pageId(c, 'work');
    const work = await registry.getWork(toActor(user), id);
    const form = stringFields(await c.req.parseBody());
    try {
      await registry.updateWork(toActor(user), id, workFromForm(form, { editing: true, ownersAllowed: user.role === 'officer' }));
      return c.redirect(`${LIST}/works/${id}?done=saved`, 303);
    } catch (error) {
      const message = formError(error, c.var.locale);
      if (!message) throw error;
      return c.html(<WorkFormPage page={pageContext(c)} work={work} values={form} error={message} />, error instanceof ConflictError ? 409 : 400);
    }
  });

  router.post(`${LIST}/works/:id{[0-9]+}/status`, writers, async (c) => {
    const id = pageId(c, 'work');
    const status = stringFields(await c.req.parseBody()).status;
    if (!workStatuses.includes(status as WorkStatus)) throw new ValidationError('status must be draft, active or withdrawn');
    await registry.setWorkStatus(toActor(currentUser(c)), id, status as WorkStatus);
    return c.redirect(`${LIST}/works/${id}?done=saved`, 303);
  });

  router.post(`${LIST}/works/:id{[0-9]+}/assets`, writers, async (c) => {
    const actor = toActor(currentUser(c));
    const id = pageId(c, 'work');
    await registry.getWork(actor, id);
    try {
      const upload = await readAssetUpload(c, deps.config.maxImageBytes);
      await asUploadError(registry.addWorkAsset(actor, id, upload));
    } catch (error) {
      const message = formError(error, c.var.locale);
      if (!message) throw error;
      return detail(c, id, { error: message }, (error as AppError).status as 400);
    }
    return c.redirect(`${LIST}/works/${id}?done=saved`, 303);
  });

  router.post(`${LIST}/works/:id{[0-9]+}/assets/:assetId{[0-9]+}/delete`, writers, async (c) => {
    const actor = toActor(currentUser(c));
    const id = pageId(c, 'work');
    const assetId = Number(c.req.param('assetId'));
    if (!Number.isSafeInteger(assetId) || assetId > 2_147_483_647) throw new NotFoundError(`asset ${c.req.param('assetId')} not found`);
    const asset = await registry.getAsset(actor, assetId);
    if (asset.workId !== id) throw new NotFoundError(`asset ${assetId} not found`);
    await registry.removeAsset(actor, assetId);
    return c.redirect(`${LIST}/works/${id}?done=saved`, 303);
  });
}
