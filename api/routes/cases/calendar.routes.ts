import { createRoute, z } from '@hono/zod-openapi';
import { caseServices } from '../../cases/cases.services.ts';
import { requireRole } from '../../middleware/require-role/require-role.middleware.ts';
import { currentUser, type RouteRegistrar } from '../api.router.ts';
import { cookieSecurity, problemResponses } from '../problem.dto.ts';
import { CalendarDaySchema, CalendarQuery, DayParam } from './case.dto.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const tags = ['calendar'];

const list = createRoute({ method: 'get', path: '/calendar-days', tags, summary: 'Public holidays and make-up working days used to count working-day deadlines', security: cookieSecurity, middleware: [requireRole(['officer', 'inspector'])] as const, request: { query: CalendarQuery }, responses: { 200: json(z.object({ items: z.array(CalendarDaySchema) }), 'The calendar'), ...problemResponses } });
const put = createRoute({ method: 'put', path: '/calendar-days/{day}', tags, summary: 'Set a day as a holiday or a make-up working day (officers)', security: cookieSecurity, middleware: [requireRole(['officer'])] as const, request: { params: DayParam, body: { required: true, content: { 'application/json': { schema: CalendarDaySchema.omit({ day: true }) } } } }, responses: { 200: json(CalendarDaySchema, 'The day'), ...problemResponses } });
const remove = createRoute({ method: 'delete', path: '/calendar-days/{day}', tags, summary: 'Make a day ordinary again (officers)', security: cookieSecurity, middleware: [requireRole(['officer'])] as const, request: { params: DayParam }, responses: { 204: { description: 'Removed' }, ...problemResponses } });

export const registerCalendarRoutes: RouteRegistrar = (router, services) => {
  const { cases, notices } = caseServices(services);
  router.openapi(list, async (c) => c.json({ items: await cases.repo.calendar(c.req.valid('query')) }, 200));
  router.openapi(put, async (c) => {
    const entry = { day: c.req.valid('param').day, ...c.req.valid('json') };
    await notices.setCalendarDay(currentUser(c), entry);
    return c.json(entry, 200);
  });
  router.openapi(remove, async (c) => {
    await notices.deleteCalendarDay(currentUser(c), c.req.valid('param').day);
    return c.body(null, 204);
  });
};
