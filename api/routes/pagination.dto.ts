import { z } from '@hono/zod-openapi';

/** Offset paging for the small, slowly growing collections (works, listings); findings use keyset paging. */
export const OffsetPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
