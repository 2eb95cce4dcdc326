import type { Context, Hono } from 'hono';
import { ConflictError, NotFoundError, ValidationError, type AppError } from '../../../core/errors/errors.ts';
import { markKinds, workStatuses, type MarkKind, type WorkStatus } from '../../../fingerprints/fingerprints.schema.ts';
import type { ApiServices } from '../../api.services.ts';
import type { AppEnv } from '../../app.types.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { currentUser } from '../../routes/api.router.ts';
import { toActor } from '../../routes/registry/registry.actor.ts';
import { asUploadError, readAssetUpload } from '../../routes/registry/upload.form.ts';
import { pageId } from '../accounts/accounts.pages.tsx';
import { pageContext } from '../pages.routes.tsx';
import { MarkDetailPage, MarkFormPage, MarksListPage, markValues } from './marks.page.tsx';
import { markFromForm, stringFields } from './registry.form.ts';
import { formError, offsetOf } from './works.routes.tsx';

const LIMIT = 25;
const BASE = '/registry/marks';

export function registerMarkPages(router: Hono<AppEnv>, services: ApiServices): void {
  const { deps, portal } = services;
  const { registry } = portal;
  const signedIn = requireRole([], { loginPath: '/login' });
  const writers = requireRole(['officer', 'rights_holder'], { loginPath: '/login' });

  router.get(BASE, signedIn, async (c) => {
    const q = (key: string, max = 200) => c.req.query(key)?.trim().slice(0, max) || undefined;
    const filters = { q: q('q'), kind: q('kind'), status: q('status'), certificateNo: q('certificateNo', 64) };
    const offset = offsetOf(c.req.query('offset'));
    const result = await registry.listMarks(toActor(currentUser(c)), {
      q: filters.q,
      kind: markKinds.includes(filters.kind as MarkKind) ? (filters.kind as MarkKind) : undefined,
      status: workStatuses.includes(filters.status as WorkStatus) ? (filters.status as WorkStatus) : undefined,
      certificateNo: filters.certificateNo,
      limit: LIMIT,
      offset,
    });
    return c.html(<MarksListPage page={pageContext(c)} result={result} filters={filters} offset={offset} limit={LIMIT} />);
  });

  router.get(`${BASE}/new`, writers, (c) => c.html(<MarkFormPage page={pageContext(c)} values={{ kind: 'collective' }} />));

  router.post(BASE, writers, async (c) => {
    const user = currentUser(c);
    const form = stringFields(await c.req.parseBody());
    try {
      const mark = await registry.createMark(toActor(user), markFromForm(form, { editing: false, ownerAllowed: user.role === 'officer' }));
      return c.redirect(`${BASE}/${mark.id}?done=created`, 303);
    } catch (error) {
      const message = formError(error, c.var.locale);
      if (!message) throw error;
      return c.html(<MarkFormPage page={pageContext(c)} values={form} error={message} />, error instanceof ConflictError ? 409 : 400);
    }
  });

  const detail = async (c: Context<AppEnv>, id: number, extra: { message?: string; error?: string } = {}, status: 200 | 400 = 200) => {
    const mark = await registry.getMark(toActor(currentUser(c)), id);
    return c.html(<MarkDetailPage page={pageContext(c)} mark={mark} maxImageBytes={deps.config.maxImageBytes} {...extra} />, status);
  };

  router.get(`${BASE}/:id{[0-9]+}`, signedIn, (c) => detail(c, pageId(c, 'mark'), c.req.query('done') ? { message: c.var.t.registry.common.saved } : {}));

  router.get(`${BASE}/:id{[0-9]+}/edit`, writers, async (c) => {
    const mark = await registry.getMark(toActor(currentUser(c)), pageId(c, 'mark'));
    return c.html(<MarkFormPage page={pageContext(c)} mark={mark} values={markValues(mark)} />);
  });

  router.post(`${BASE}/:id{[0-9]+}`, writers, async (c) => {
    const user = currentUser(c);
    const id = pageId(c, 'mark');
    const mark = await registry.getMark(toActor(user), id);
    const form = stringFields(await c.req.parseBody());
    try {
      await registry.updateMark(toActor(user), id, markFromForm(form, { editing: true, ownerAllowed: user.role === 'officer' }));
      return c.redirect(`${BASE}/${id}?done=saved`, 303);
    } catch (error) {
      const message = formError(error, c.var.locale);
      if (!message) throw error;
      return c.html(<MarkFormPage page={pageContext(c)} mark={mark} values={form} error={message} />, error instanceof ConflictError ? 409 : 400);
    }
  });

  router.post(`${BASE}/:id{[0-9]+}/image`, writers, async (c) => {
    const actor = toActor(currentUser(c));
    const id = pageId(c, 'mark');
    await registry.getMark(actor, id);
    try {
      const upload = await readAssetUpload(c, deps.config.maxImageBytes);
      if (upload.kind !== 'image') throw new ValidationError('a mark takes an image file');
      await asUploadError(registry.addMarkImage(actor, id, { name: upload.name, bytes: upload.bytes }));
    } catch (error) {
      const message = formError(error, c.var.locale);
      if (!message) throw error;
      return detail(c, id, { error: message }, (error as AppError).status as 400);
    }
    return c.redirect(`${BASE}/${id}?done=saved`, 303);
  });

  router.post(`${BASE}/:id{[0-9]+}/assets/:assetId{[0-9]+}/delete`, writers, async (c) => {
    const actor = toActor(currentUser(c));
    const id = pageId(c, 'mark');
    const assetId = Number(c.req.param('assetId'));
    if (!Number.isSafeInteger(assetId) || assetId > 2_147_483_647) throw new NotFoundError(`asset ${c.req.param('assetId')} not found`);
    const asset = await registry.getAsset(actor, assetId);
    if (asset.markId !== id) throw new NotFoundError(`asset ${assetId} not found`);
    await registry.removeAsset(actor, assetId);
    return c.redirect(`${BASE}/${id}?done=saved`, 303);
  });
}
