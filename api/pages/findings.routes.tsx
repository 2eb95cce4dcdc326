import { Hono, type Context } from 'hono';
import { NotFoundError, ValidationError } from '../../core/errors/errors.ts';
import { allowRuleKinds, type AllowRuleKind } from '../../matcher/matcher.schema.ts';
import type { ApiServices } from '../api.services.ts';
import type { AppEnv } from '../app.types.ts';
import { requireRole } from '../middleware/require-role/require-role.middleware.ts';
import { currentUser } from '../routes/api.router.ts';
import { BulkBodySchema, FindingQuerySchema } from '../routes/findings/finding.dto.ts';
import { SellerPage } from '../sellers/seller.page.tsx';
import { encodeCursor } from '../services/finding.cursor.ts';
import { reviewDecisions, type BulkAction, type ReviewDecision } from '../services/finding.review.service.ts';
import { AllowListPage } from './allow-list.page.tsx';
import { FindingDetailPage } from './finding-detail.page.tsx';
import { FindingsListPage } from './findings-list.page.tsx';
import { safeNext } from './format.ts';
import { pageContext } from './pages.routes.tsx';
import { reviewScript } from './review.script.ts';

const LOGIN_PATH = '/login';
/** Query parameters of the pages that are not queue filters. */
const NOT_FILTERS = new Set(['lang', 'done']);

/** The route pattern guarantees digits; ids past int4 cannot exist (and would be a database error). */
function idParam(c: Context<AppEnv>, name = 'id'): number {
  const id = Number(c.req.param(name));
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw new NotFoundError(`${c.req.param(name)} not found`);
  return id;
}

/** The form's values without empty fields (an empty <input> means "no filter", not a bad value). */
function filterValues(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (v.trim() && !NOT_FILTERS.has(k)) out[k] = v.trim();
  return out;
}

function parseQueue(values: Record<string, string>, limit = 50) {
  const parsed = FindingQuerySchema.safeParse({ ...values, limit: String(limit) });
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

/** The review workflow's pages: queue, finding, decisions, allow-list, sellers, and the shortcut script. */
export function createReviewPagesRouter(services: ApiServices): Hono<AppEnv> {
  const { findingService, findingReview, reviews, allowList, sellerService } = services;
  const router = new Hono<AppEnv>();
  const signedIn = requireRole([], { loginPath: LOGIN_PATH });
  const officers = requireRole(['officer']);

  router.get('/static/review.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=300');
    return c.body(reviewScript);
  });

  router.get('/findings', signedIn, async (c) => {
    const values = filterValues(new URL(c.req.url).searchParams);
    const user = currentUser(c);
    const [result, owners, officerList] = await Promise.all([
      findingService.list(user, parseQueue(values)),
      user.role === 'rights_holder' ? Promise.resolve([]) : reviews.ownerOptions(),
      user.role === 'rights_holder' ? Promise.resolve([]) : reviews.officers(),
    ]);
    const done = Number(c.req.query('done'));
    return c.html(<FindingsListPage page={pageContext(c)} result={result} form={{ values, owners, officers: officerList, done: Number.isInteger(done) && done >= 0 ? done : undefined }} />);
  });

  router.post('/findings/bulk', officers, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const ids = ([] as unknown[]).concat(body.ids ?? []).map((x) => Number(x));
    const back = field(body, 'back');
    const assignee = field(body, 'assigneeId');
    const parsed = BulkBodySchema.safeParse({
      ids,
      action: field(body, 'action'),
      ...(field(body, 'reason') ? { reason: field(body, 'reason') } : {}),
      ...(assignee ? { assigneeId: assignee === 'none' ? null : Number(assignee) } : {}),
    });
    if (!parsed.success) throw new ValidationError(ids.length ? parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : c.var.t.review.selectFirst);
    const b = parsed.data;
    const action: BulkAction = b.action === 'dismiss' ? { action: 'dismiss', reason: b.reason! } : b.action === 'assign' ? { action: 'assign', assigneeId: b.assigneeId ?? null } : { action: 'confirm' };
    const result = await findingReview.bulk(currentUser(c), b.ids, action);
    const params = new URLSearchParams(back);
    params.set('done', String(result.changed.length));
    return c.redirect(`/findings?${params.toString()}`, 303);
  });

  router.get('/findings/:id{[0-9]+}', signedIn, async (c) => {
    const user = currentUser(c);
    const detail = await findingService.detail(user, idParam(c));
    // The queue this finding was opened from: its next finding is one keyset step further.
    const q = c.req.query('q') ?? '';
    let nextId: number | undefined;
    let keptQ = '';
    const parsed = FindingQuerySchema.safeParse({ ...filterValues(new URLSearchParams(q)), limit: '1' });
    if (parsed.success) {
      keptQ = new URLSearchParams(filterValues(new URLSearchParams(q))).toString();
      const next = await findingService.list(user, { ...parsed.data, cursor: encodeCursor(detail.finding, parsed.data.sort) });
      nextId = next.rows[0]?.finding.id;
    }
    const officerList = user.role === 'officer' ? await reviews.officers() : [];
    return c.html(<FindingDetailPage page={pageContext(c)} detail={detail} extra={{ officers: officerList, q: keptQ, nextId }} />);
  });

  const backTo = (c: Context<AppEnv>, id: number) => {
    const q = c.req.query('q');
    return q ? `/findings/${id}?q=${encodeURIComponent(q)}` : `/findings/${id}`;
  };

  router.post('/findings/:id{[0-9]+}/review', officers, async (c) => {
    const id = idParam(c);
    const body = await c.req.parseBody();
    const status = field(body, 'status');
    if (!reviewDecisions.includes(status as ReviewDecision)) throw new ValidationError('status must be confirmed or dismissed');
    const note = field(body, 'note').slice(0, 2000) || undefined;
    if (status === 'dismissed' && !note) throw new ValidationError(c.var.t.review.reasonRequired);
    await findingReview.review(currentUser(c), id, status as ReviewDecision, note);
    return c.redirect(backTo(c, id), 303);
  });

  router.post('/findings/:id{[0-9]+}/assign', officers, async (c) => {
    const id = idParam(c);
    const raw = field(await c.req.parseBody(), 'assigneeId');
    const assigneeId = raw === 'none' || raw === '' ? null : Number(raw);
    if (assigneeId !== null && (!Number.isSafeInteger(assigneeId) || assigneeId < 1)) throw new ValidationError('assigneeId must be an officer id');
    await findingReview.assign(currentUser(c), id, assigneeId);
    return c.redirect(backTo(c, id), 303);
  });

  router.post('/findings/:id{[0-9]+}/comments', officers, async (c) => {
    const id = idParam(c);
    const text = field(await c.req.parseBody(), 'body').slice(0, 4000);
    await findingReview.comment(currentUser(c), id, text);
    return c.redirect(`/findings/${id}#comments-h`, 303);
  });

  router.get('/allow-list', signedIn, async (c) => c.html(<AllowListPage page={pageContext(c)} rules={await allowList.list(currentUser(c))} />));

  router.post('/allow-list', officers, async (c) => {
    const body = await c.req.parseBody();
    let kind = field(body, 'kind');
    let value = field(body, 'value');
    // From a finding's page: one <select> carries "kind|value".
    const choice = field(body, 'choice');
    if (choice) [kind, value] = [choice.slice(0, choice.indexOf('|')), choice.slice(choice.indexOf('|') + 1)];
    const subject = field(body, 'subject') || `${field(body, 'subjectType')}:${field(body, 'subjectId')}`;
    const m = /^(work|mark):(\d{1,10})$/.exec(subject);
    if (!m || !allowRuleKinds.includes(kind as AllowRuleKind) || !value) throw new ValidationError('subject, kind and value are required');
    const id = Number(m[2]);
    await allowList.add(currentUser(c), { ...(m[1] === 'work' ? { workId: id } : { markId: id }), kind: kind as AllowRuleKind, value, note: field(body, 'note') || undefined });
    return c.redirect(safeNext(field(body, 'back'), '/allow-list'), 303);
  });

  router.post('/allow-list/:id{[0-9]+}/delete', officers, async (c) => {
    await allowList.remove(currentUser(c), idParam(c));
    return c.redirect('/allow-list', 303);
  });

  router.get('/sellers/:id{[0-9]+}', signedIn, async (c) => {
    const profile = await sellerService.profile(currentUser(c), idParam(c));
    return c.html(<SellerPage page={pageContext(c)} profile={profile} />);
  });

  return router;
}
