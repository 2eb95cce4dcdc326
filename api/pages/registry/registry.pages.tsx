import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { AppError, ForbiddenError, localizedMessage, NotFoundError } from '../../../core/errors/errors.ts';
import type { ImportReport } from '../../../fingerprints/registry/import/import.service.ts';
import type { ApiServices } from '../../api.services.ts';
import type { AppEnv } from '../../app.types.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { currentUser } from '../../routes/api.router.ts';
import { ImportFileProblem, readImportUpload, runImport, type ImportUpload } from '../../routes/registry/registry.import.ts';
import { pageContext } from '../pages.routes.tsx';
import { ImportPage, type StagedImport } from './import.page.tsx';
import { registerMarkPages } from './marks.routes.tsx';
import { stringFields } from './registry.form.ts';
import { registerWorkPages } from './works.routes.tsx';

const BLOB_KEY = /^[a-f0-9]{2}\/[a-f0-9]{64}\.[a-z0-9]{1,8}$/;

function sign(secret: string, parts: string[]): string {
  return createHmac('sha256', secret).update(parts.join('\n')).digest('base64url');
}

/** Registry pages: works, marks and the import; each route checks the role, the registry each record's owner. */
export function createRegistryPagesRouter(services: ApiServices): Hono<AppEnv> {
  const { deps, portal } = services;
  const router = new Hono<AppEnv>();
  registerWorkPages(router, services);
  registerMarkPages(router, services);

  const officer = requireRole(['officer'], { loginPath: '/login' });

  router.get('/registry/import', officer, (c) => c.html(<ImportPage page={pageContext(c)} />));

  const render = (c: Context<AppEnv>, report: ImportReport | undefined, extra: { staged?: StagedImport; error?: string } = {}, status: 200 | 400 | 413 | 415 | 422 = 200) =>
    c.html(<ImportPage page={pageContext(c)} report={report} {...extra} />, status);

  const importing = async (c: Context<AppEnv>, upload: () => Promise<ImportUpload>) => {
    try {
      const files = await upload();
      const report = await runImport(portal.importer, currentUser(c), files);
      let staged: StagedImport | undefined;
      if (report.dryRun && !report.rejected.length) {
        // A successful dry run keeps its files so "confirm" imports exactly what was checked.
        const file = await deps.blobs.put(files.file.bytes, files.file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
        const images = files.images ? await deps.blobs.put(files.images.bytes, 'zip') : undefined;
        const parts = [file.key, files.file.name, images?.key ?? '', files.images?.name ?? ''];
        staged = { fileKey: parts[0]!, fileName: parts[1]!, imagesKey: parts[2]!, imagesName: parts[3]!, signature: sign(c.var.csrfToken ?? '', parts) };
      }
      return render(c, report, staged ? { staged } : {}, report.rejected.length ? 422 : 200);
    } catch (error) {
      if (error instanceof ImportFileProblem) return render(c, undefined, { error: c.var.locale === 'vi' ? error.vi : error.message }, error.status);
      if (error instanceof AppError && error.status < 500 && error.status !== 403) return render(c, undefined, { error: localizedMessage(error, c.var.locale) }, error.status as 400);
      throw error;
    }
  };

  router.post('/registry/import', officer, (c) => importing(c, async () => ({ ...(await readImportUpload(c, deps.config)), dryRun: true })));

  router.post('/registry/import/confirm', officer, (c) =>
    importing(c, async () => {
      const form = stringFields(await c.req.parseBody());
      const parts = [form.fileKey ?? '', form.fileName ?? '', form.imagesKey ?? '', form.imagesName ?? ''];
      const expected = Buffer.from(sign(c.var.csrfToken ?? '', parts));
      const sent = Buffer.from(form.signature ?? '');
      // Only files this session's own dry run staged: never an arbitrary blob of the store.
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected) || !BLOB_KEY.test(parts[0]!) || (parts[2] && !BLOB_KEY.test(parts[2]))) {
        throw new ForbiddenError('the staged import is not valid; upload the files again');
      }
      const read = (key: string) => deps.blobs.read(key).catch(() => {
        throw new NotFoundError('the staged files are gone; upload them again');
      });
      return {
        file: { name: parts[1]!, bytes: new Uint8Array(await read(parts[0]!)) },
        images: parts[2] ? { name: parts[3] || 'images.zip', bytes: new Uint8Array(await read(parts[2])) } : undefined,
        dryRun: false,
      };
    }),
  );

  return router;
}
