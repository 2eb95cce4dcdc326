import { Hono, type Context } from 'hono';
import { ZodError, z } from 'zod';
import { AppError, localizedMessage, NotFoundError } from '../../../core/errors/errors.ts';
import type { ApiServices } from '../../api.services.ts';
import type { AppEnv } from '../../app.types.ts';
import { caseGroupings, caseOutcomes, noticeBases } from '../../cases/case.schema.ts';
import { caseServices } from '../../cases/cases.services.ts';
import type { NoticeEvent } from '../../cases/notice.service.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { currentUser } from '../../routes/api.router.ts';
import type { FindingRow } from '../../services/finding.service.ts';
import { pageContext } from '../pages.routes.tsx';
import { CalendarPage, CaseDetailPage, CasesListPage, NewCasePage, NoticeDraftPage } from './cases.views.tsx';

function idOf(c: Context<AppEnv>, name = 'id'): number {
  const id = Number(c.req.param(name));
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw new NotFoundError(`${c.req.param(name)} not found`);
  return id;
}

const str = (v: unknown, max = 4000) => (typeof v === 'string' ? v.slice(0, max) : undefined);

/** An officer's mistake goes back to the page as a message; anything else to the app's error handler. */
function formMessage(error: unknown, c: Context<AppEnv>): string | undefined {
  if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join('.') || '—'}: ${i.message}`).join('; ');
  if (error instanceof AppError && [400, 409].includes(error.status)) return localizedMessage(error, c.var.locale);
  return undefined;
}

/** A `datetime-local` value is Vietnam time; empty means now. */
function vietnamInput(value: string | undefined, now: Date): Date {
  if (!value) return now;
  const parsed = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/).parse(value);
  const at = new Date(`${parsed.length === 16 ? `${parsed}:00` : parsed}+07:00`);
  if (Number.isNaN(at.getTime())) throw new ZodError([{ code: 'custom', path: ['at'], message: 'not a time' }]);
  return at;
}

/** Pages for cases, notices and the working-day calendar (officers act, inspectors read, holders see their own). */
export function createCasePagesRouter(services: ApiServices): Hono<AppEnv> {
  const { cases, notices } = caseServices(services);
  const { deps } = services;
  const router = new Hono<AppEnv>();
  const anyone = requireRole([], { loginPath: '/login' });
  const officers = requireRole(['officer'], { loginPath: '/login' });
  const staff = requireRole(['officer', 'inspector'], { loginPath: '/login' });
  const back = (c: Context<AppEnv>, id: number, error?: string) => c.redirect(`/cases/${id}${error ? `?error=${encodeURIComponent(error.slice(0, 500))}` : ''}`, 303);

  router.get('/cases', anyone, async (c) => c.html(<CasesListPage page={pageContext(c)} items={await cases.list(currentUser(c))} />));

  const newCasePage = async (c: Context<AppEnv>, selected: Set<number>, error?: string) => {
    const found = await cases.workflow.withStatus(['confirmed', 'not_removed'], 200);
    const extra = await cases.workflow.getMany([...selected].filter((id) => !found.some((f) => f.id === id)));
    const all = [...extra.filter((f) => f.status !== 'dismissed'), ...found];
    const [works, marks, listings] = await Promise.all([
      services.works.getMany([...new Set(all.flatMap((f) => (f.workId === null ? [] : [f.workId])))]),
      services.works.getMarks([...new Set(all.flatMap((f) => (f.markId === null ? [] : [f.markId])))]),
      services.listings.getMany([...new Set(all.map((f) => f.listingId))]),
    ]);
    const rows: FindingRow[] = all.map((finding) => ({ finding, work: finding.workId === null ? undefined : works.get(finding.workId), mark: finding.markId === null ? undefined : marks.get(finding.markId), listing: listings.get(finding.listingId) }));
    return c.html(<NewCasePage page={pageContext(c)} rows={rows} selected={selected} error={error} />, error ? 400 : 200);
  };

  router.get('/cases/new', officers, async (c) => newCasePage(c, new Set(c.req.queries('finding')?.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0 && n < 2 ** 31) ?? [])));

  router.post('/cases', officers, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const ids = ([] as unknown[]).concat(body.finding ?? []).map(Number).filter((n) => Number.isSafeInteger(n) && n > 0 && n < 2 ** 31);
    try {
      const groupedBy = z.enum(caseGroupings).parse(str(body.groupedBy) ?? 'manual');
      const created = await cases.create(currentUser(c), { groupedBy, findingIds: ids, title: str(body.title, 300) });
      return c.redirect(`/cases/${created.id}`, 303);
    } catch (error) {
      const message = formMessage(error, c);
      if (!message) throw error;
      return newCasePage(c, new Set(ids), message);
    }
  });

  router.get('/cases/calendar', staff, async (c) => c.html(<CalendarPage page={pageContext(c)} days={await cases.repo.calendar()} error={c.req.query('error')} />));

  router.post('/cases/calendar', officers, async (c) => {
    const body = await c.req.parseBody();
    try {
      const entry = z.object({ day: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string().trim().min(1).max(200) }).parse({ day: str(body.day), kind: str(body.kind), name: str(body.name) });
      await notices.setCalendarDay(currentUser(c), entry);
      return c.redirect('/cases/calendar', 303);
    } catch (error) {
      const message = formMessage(error, c);
      if (!message) throw error;
      return c.redirect(`/cases/calendar?error=${encodeURIComponent(message)}`, 303);
    }
  });

  router.post('/cases/calendar/:day/delete', officers, async (c) => {
    await notices.deleteCalendarDay(currentUser(c), c.req.param('day'));
    return c.redirect('/cases/calendar', 303);
  });

  router.get('/cases/:id{[0-9]+}', anyone, async (c) => {
    const detail = await cases.detail(currentUser(c), idOf(c));
    return c.html(<CaseDetailPage page={pageContext(c)} detail={detail} error={c.req.query('error')?.slice(0, 500)} now={deps.now()} />);
  });

  router.post('/cases/:id{[0-9]+}/findings/:findingId{[0-9]+}/remove', officers, async (c) => {
    const id = idOf(c);
    try {
      await cases.removeFinding(currentUser(c), id, idOf(c, 'findingId'));
      return back(c, id);
    } catch (error) {
      const message = formMessage(error, c);
      if (!message) throw error;
      return back(c, id, message);
    }
  });

  router.post('/cases/:id{[0-9]+}/close', officers, async (c) => {
    const id = idOf(c);
    const body = await c.req.parseBody();
    try {
      await cases.close(currentUser(c), id, z.enum(caseOutcomes).parse(str(body.outcome)), str(body.note, 2000) || undefined);
      return back(c, id);
    } catch (error) {
      const message = formMessage(error, c);
      if (!message) throw error;
      return back(c, id, message);
    }
  });

  const draftPage = async (c: Context<AppEnv>, id: number, error?: string) => {
    await cases.openCase(currentUser(c), id);
    return c.html(<NoticeDraftPage page={pageContext(c)} caseId={id} defaults={{ authority: deps.config.noticeAuthority, signatory: deps.config.noticeSignatory ?? '' }} error={error} />, error ? 400 : 200);
  };

  router.get('/cases/:id{[0-9]+}/notices/new', officers, async (c) => draftPage(c, idOf(c)));

  router.post('/cases/:id{[0-9]+}/notices', officers, async (c) => {
    const id = idOf(c);
    const body = await c.req.parseBody();
    try {
      const input = z
        .object({ basis: z.enum(noticeBases), recipient: z.string().trim().min(1).max(300), recipientContact: z.string().max(300).optional(), issuingAuthority: z.string().max(300).optional(), signatory: z.string().max(300).optional(), reference: z.string().max(200).optional(), requester: z.string().max(300).optional(), body: z.string().max(4000).optional() })
        .parse(Object.fromEntries(['basis', 'recipient', 'recipientContact', 'issuingAuthority', 'signatory', 'reference', 'requester', 'body'].map((k) => [k, str(body[k])])));
      await notices.draft(currentUser(c), id, input);
      return back(c, id);
    } catch (error) {
      const message = formMessage(error, c);
      if (!message) throw error;
      return draftPage(c, id, message);
    }
  });

  router.post('/notices/:id{[0-9]+}/events', officers, async (c) => {
    const user = currentUser(c);
    const notice = await notices.visibleNotice(user, idOf(c));
    const body = await c.req.parseBody();
    try {
      const event = z.enum(['sent', 'received', 'objection', 'restored']).parse(str(body.event)) satisfies NoticeEvent;
      await notices.record(user, notice.id, event, vietnamInput(str(body.at, 40), deps.now()));
      return back(c, notice.caseId);
    } catch (error) {
      const message = formMessage(error, c);
      if (!message) throw error;
      return back(c, notice.caseId, message);
    }
  });

  return router;
}
