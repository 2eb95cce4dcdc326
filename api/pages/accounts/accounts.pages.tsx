import { Hono, type Context } from 'hono';
import { ConflictError, NotFoundError, ValidationError } from '../../../core/errors/errors.ts';
import { userStatuses, type UserStatus } from '../../api.schema.ts';
import type { ApiServices } from '../../api.services.ts';
import type { AppEnv } from '../../app.types.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { RegistrationSchema } from '../../routes/accounts/account.dto.ts';
import { currentUser } from '../../routes/api.router.ts';
import { pageContext } from '../pages.routes.tsx';
import { AccountDetailPage, AccountsListPage } from './approvals.page.tsx';
import { RegisterPage, type RegisterValues } from './register.page.tsx';

const stringFields = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));

export function pageId(c: Context<AppEnv>, what: string): number {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw new NotFoundError(`${what} ${c.req.param('id')} not found`);
  return id;
}

/** Self-registration (public) and the officer's approval pages. */
export function createAccountsPagesRouter(services: ApiServices): Hono<AppEnv> {
  const { portal } = services;
  const router = new Hono<AppEnv>();
  const officer = requireRole(['officer'], { loginPath: '/login' });

  router.get('/register', (c) => c.html(<RegisterPage page={pageContext(c)} />));

  router.post(
    '/register',
    portal.registrationLimit,
    async (c) => {
      const page = pageContext(c);
      const messages = page.t.registry.account.errors;
      const form = stringFields(await c.req.parseBody());
      const { _csrf, password2, ...fields } = form;
      const values: RegisterValues = { ...fields };
      const parsed = RegistrationSchema.safeParse(fields);
      const errors: Record<string, string> = {};
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? 'name');
          errors[field] ??= issue.code === 'too_big' ? messages.tooLong! : messages[field] ?? messages.tooLong!;
        }
      }
      if (fields.password && password2 !== fields.password) errors.password2 = messages.password2!;
      if (!parsed.success || Object.keys(errors).length) return c.html(<RegisterPage page={page} values={values} errors={errors} />, 400);
      try {
        await portal.accounts.register(parsed.data);
      } catch (error) {
        if (error instanceof ConflictError) return c.html(<RegisterPage page={page} values={values} errors={{ email: messages.emailTaken! }} />, 409);
        throw error;
      }
      return c.html(<RegisterPage page={page} done />, 201);
    },
  );

  router.get('/accounts', officer, async (c) => {
    const asked = c.req.query('status') ?? 'pending';
    const status = userStatuses.includes(asked as UserStatus) ? (asked as UserStatus) : undefined;
    return c.html(<AccountsListPage page={pageContext(c)} accounts={await portal.accounts.list(status)} status={status} />);
  });

  const detail = async (c: Context<AppEnv>, id: number, extra: { message?: string; error?: string } = {}, status: 200 | 400 | 409 = 200) => {
    const account = await portal.accounts.get(id);
    const officer = currentUser(c);
    const [owners, suggestions] = await Promise.all([portal.accounts.listOwners(officer), portal.accounts.suggestOwners(officer, account.claimedOwner)]);
    const linkedOwner = account.ownerId ? owners.find((o) => o.id === account.ownerId) : undefined;
    return c.html(<AccountDetailPage page={pageContext(c)} account={account} owners={owners} suggestions={suggestions} linkedOwner={linkedOwner} {...extra} />, status);
  };

  router.get('/accounts/:id{[0-9]+}', officer, (c) => {
    const done = c.req.query('done');
    const a = c.var.t.registry.account;
    return detail(c, pageId(c, 'account'), done === 'approved' ? { message: a.approved } : done === 'rejected' ? { message: a.rejectedDone } : {});
  });

  router.post('/accounts/:id{[0-9]+}/approve', officer, async (c) => {
    const id = pageId(c, 'account');
    const a = c.var.t.registry.account;
    const body = stringFields(await c.req.parseBody());
    const ownerId = body.ownerId?.trim() ? Number(body.ownerId) : undefined;
    const newOwnerName = body.newOwnerName?.trim() || undefined;
    const note = body.note?.trim().slice(0, 2000) || undefined;
    const validOwnerId = ownerId !== undefined && Number.isSafeInteger(ownerId) && ownerId > 0 && ownerId <= 2_147_483_647;
    if ((ownerId === undefined) === (newOwnerName === undefined) || (ownerId !== undefined && !validOwnerId) || (newOwnerName?.length ?? 0) > 300) {
      return detail(c, id, { error: a.ownerRequired }, 400);
    }
    try {
      await portal.accounts.approve(currentUser(c), id, ownerId !== undefined ? { ownerId, note } : { newOwnerName: newOwnerName!, note });
    } catch (error) {
      if (error instanceof ConflictError) return detail(c, id, { error: a.alreadyDecided }, 409);
      if (error instanceof ValidationError) return detail(c, id, { error: a.ownerRequired }, 400);
      throw error;
    }
    return c.redirect(`/accounts/${id}?done=approved`, 303);
  });

  router.post('/accounts/:id{[0-9]+}/reject', officer, async (c) => {
    const id = pageId(c, 'account');
    const body = stringFields(await c.req.parseBody());
    try {
      await portal.accounts.reject(currentUser(c), id, body.note?.trim().slice(0, 2000) || undefined);
    } catch (error) {
      if (error instanceof ConflictError) return detail(c, id, { error: c.var.t.registry.account.alreadyDecided }, 409);
      throw error;
    }
    return c.redirect(`/accounts/${id}?done=rejected`, 303);
  });

  return router;
}
