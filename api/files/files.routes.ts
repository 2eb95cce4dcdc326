import { Hono, type Context } from 'hono';
import { NotFoundError, ValidationError } from '../../core/errors/errors.ts';
import type { ApiServices } from '../api.services.ts';
import type { AppEnv } from '../app.types.ts';
import { currentUser } from '../routes/api.router.ts';
import { requireRole } from '../middleware/require-role/require-role.middleware.ts';

const SAFE_IMAGE = /^image\/(png|jpeg|gif|webp|avif)$/;

function idParam(c: Context<AppEnv>, name: string): number {
  const id = Number(c.req.param(name));
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw new ValidationError(`${name} must be a positive integer`);
  return id;
}

function imageMime(mime: string | null | undefined, key: string): string {
  if (mime && SAFE_IMAGE.test(mime)) return mime;
  const ext = key.split('.').pop();
  const byExt: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };
  // A crawled file that claims some other type is never served as something a browser would run.
  return (ext && byExt[ext]) || 'application/octet-stream';
}

/** Stored files, each authorised like the finding it belongs to (app.ts sandboxes their responses). */
export function createFilesRouter(services: ApiServices): Hono<AppEnv> {
  const { listings, works, access, deps } = services;
  const router = new Hono<AppEnv>();
  router.use('*', requireRole());

  const send = async (c: Context<AppEnv>, key: string, type: string, extra: Record<string, string> = {}) => {
    const data = await deps.blobs.read(key).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new NotFoundError('file missing from the store');
      throw error;
    });
    return c.body(new Uint8Array(data), 200, {
      'content-type': type,
      'cache-control': 'private, max-age=3600',
      ...extra,
    });
  };

  router.get('/evidence/:evidenceId/screenshot', async (c) => {
    const id = idParam(c, 'evidenceId');
    const row = await listings.getEvidence(id);
    if (!row) throw new NotFoundError(`evidence ${id} not found`);
    await access.assertListing(currentUser(c), row.listingId, `evidence ${id}`);
    return send(c, row.screenshotKey, imageMime(null, row.screenshotKey));
  });

  router.get('/evidence/:evidenceId/html', async (c) => {
    const id = idParam(c, 'evidenceId');
    const row = await listings.getEvidence(id);
    if (!row) throw new NotFoundError(`evidence ${id} not found`);
    await access.assertListing(currentUser(c), row.listingId, `evidence ${id}`);
    return send(c, row.htmlKey, 'text/plain; charset=utf-8', {
      'content-disposition': `attachment; filename="evidence-${id}-${row.htmlSha256.slice(0, 12)}.html"`,
    });
  });

  router.get('/evidence/:evidenceId/warc', async (c) => {
    const id = idParam(c, 'evidenceId');
    const row = await listings.getEvidence(id);
    if (!row?.warcKey || !row.warcSha256) throw new NotFoundError(`WARC of evidence ${id} not found`);
    await access.assertListing(currentUser(c), row.listingId, `evidence ${id}`);
    return send(c, row.warcKey, 'application/warc', { 'content-disposition': `attachment; filename="evidence-${id}-${row.warcSha256.slice(0, 12)}.warc"` });
  });

  router.get('/listing-images/:id', async (c) => {
    const id = idParam(c, 'id');
    const image = await listings.getImage(id);
    if (!image?.blobKey) throw new NotFoundError(`listing image ${id} not found`);
    await access.assertListing(currentUser(c), image.listingId, `listing image ${id}`);
    return send(c, image.blobKey, imageMime(image.mime, image.blobKey));
  });

  router.get('/assets/:id', async (c) => {
    const id = idParam(c, 'id');
    const asset = await works.getAsset(id);
    if (!asset?.blobKey) throw new NotFoundError(`asset ${id} not found`);
    await access.assertAsset(currentUser(c), asset);
    return send(c, asset.blobKey, imageMime(asset.mime, asset.blobKey));
  });

  return router;
}
