import { z } from 'zod';

/** A Playwright storage state (context.storageState()) as an officer's browser exports it; bounded. */
const cookie = z.object({
  name: z.string().min(1).max(4096),
  value: z.string().max(16_384),
  domain: z.string().min(1).max(255),
  path: z.string().max(2048).default('/'),
  expires: z.number().default(-1),
  httpOnly: z.boolean().default(false),
  secure: z.boolean().default(false),
  sameSite: z.enum(['Strict', 'Lax', 'None']).default('Lax'),
});

const origin = z.object({
  origin: z
    .string()
    .url()
    .refine((o) => /^https?:\/\//.test(o), 'must be an http(s) origin'),
  localStorage: z.array(z.object({ name: z.string().max(4096), value: z.string().max(1_000_000) })).max(2000).default([]),
});

export const storageStateSchema = z.object({
  cookies: z.array(cookie).max(3000).default([]),
  origins: z.array(origin).max(200).default([]),
});

export type StorageState = z.infer<typeof storageStateSchema>;

/** Above this the upload is not a browser session. */
export const MAX_STORAGE_STATE_BYTES = 5 * 1024 * 1024;
