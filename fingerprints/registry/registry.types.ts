import { z } from 'zod';
import {
  assetKinds, markForms, markKinds, partyKinds, relatedRightKinds, workStatuses, workTypes,
  type Asset, type FingerprintState, type Mark, type Owner, type Work,
} from '../fingerprints.schema.ts';

/**
 * The registry's public contract: what the REST API, the portal pages and the bulk import call.
 * Inputs are zod schemas so every boundary validates them the same way; the service parses again.
 */

/** Who acts. Officers do everything; rights holders only their own owner's records; inspectors read. */
export interface RegistryActor {
  userId: number | null;
  role: 'officer' | 'rights_holder' | 'inspector';
  /** For rights holders: the party (fingerprints.owners.id) whose records they hold. */
  ownerId: number | null;
  /** Written into the audit log (an e-mail, 'cli', 'import'); defaults to `user:<id>` or the role. */
  label?: string;
}

const trimmed = (max: number) => z.string().transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim()).pipe(z.string().max(max));
const optionalText = (max: number) => z.union([trimmed(max), z.null()]).optional().transform((s) => (s === '' ? null : s));
/** Calendar date as stored: `YYYY-MM-DD`, a real day. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}, 'not a calendar date');
const optionalDate = z.union([isoDate, z.null()]).optional();
/** Copyright certificates look like `3794/2026/QTG`; no text fixes the format (DESIGN §7), so loosely. */
export const WORK_CERTIFICATE_PATTERN = /^\d+\/\d{4}\/[A-Z]+$/;

export const partyInputSchema = z.object({
  name: trimmed(300).pipe(z.string().min(1, 'name is required')),
  kind: z.enum(partyKinds).optional(),
  penName: optionalText(300),
  identifier: optionalText(64),
  email: z.union([z.string().trim().email().max(320), z.null(), z.literal('')]).optional().transform((s) => (s === '' ? null : s)),
  phone: optionalText(40),
  address: optionalText(500),
});
export type PartyInput = z.input<typeof partyInputSchema>;
/** A party named in a work or mark: a plain name, or the details. */
export const partyRefSchema = z.union([trimmed(300).pipe(z.string().min(1)).transform((name) => ({ name })), partyInputSchema]);
export type PartyRef = z.input<typeof partyRefSchema>;

export const relatedRightSchema = z.object({
  kind: z.enum(relatedRightKinds),
  holder: trimmed(300).pipe(z.string().min(1)),
  description: optionalText(2000),
});

const workFields = {
  title: trimmed(500).pipe(z.string().min(1, 'title is required')),
  type: z.enum(workTypes),
  authors: z.array(partyRefSchema).max(50),
  owners: z.array(partyRefSchema).max(50),
  certificateNo: z.union([trimmed(64).pipe(z.string().regex(WORK_CERTIFICATE_PATTERN, 'certificate number must look like 3794/2026/QTG')), z.literal(''), z.null()])
    .optional().transform((s) => (s === '' ? null : s)),
  certificateDate: optionalDate,
  publishedOn: optionalDate,
  publishedPlace: optionalText(300),
  description: optionalText(10_000),
  /** The work's own text (poem, lyrics, article), fingerprinted for text reuse. */
  text: z.union([z.string().max(200_000), z.null()]).optional(),
  keywords: z.array(trimmed(200)).max(50).optional(),
  relatedRights: z.array(relatedRightSchema).max(100).optional(),
  status: z.enum(workStatuses).optional(),
};
/** Authors left out: none for a new work, unchanged for an existing one (import semantics). */
export const workInputSchema = z.object({ ...workFields, authors: workFields.authors.optional(), owners: workFields.owners.optional() }).strict();
export type WorkInput = z.input<typeof workInputSchema>;
/** A patch: what is left out stays as it is. */
export const workPatchSchema = z.object(workFields).partial().strict();
export type WorkPatch = z.input<typeof workPatchSchema>;

const markFields = {
  name: trimmed(300).pipe(z.string().min(1, 'name is required')),
  form: z.enum(markForms).optional(),
  kind: z.enum(markKinds),
  owner: partyRefSchema,
  certificateNo: z.union([trimmed(64), z.null()]).optional().transform((s) => (s === '' ? null : s)),
  filingDate: optionalDate,
  grantDate: optionalDate,
  niceClasses: z.array(z.number().int().min(1).max(45)).max(45).optional(),
  goods: optionalText(10_000),
  description: optionalText(10_000),
  status: z.enum(workStatuses).optional(),
};
export const markInputSchema = z.object({ ...markFields, owner: markFields.owner.optional() }).strict();
export type MarkInput = z.input<typeof markInputSchema>;
export const markPatchSchema = z.object(markFields).partial().strict();
export type MarkPatch = z.input<typeof markPatchSchema>;

/** An upload for a work or mark. Images are decoded before anything is stored (type sniffed, not trusted). */
export type AssetUpload =
  | { kind: 'image'; name: string; bytes: Uint8Array }
  | { kind: 'text'; text: string; name?: string }
  | { kind: 'document'; name: string; bytes: Uint8Array; mime: string };
export const uploadKinds = assetKinds;

export interface ImageUpload {
  name: string;
  bytes: Uint8Array;
}

export type Party = Owner;
export type PartySummary = Pick<Owner, 'id' | 'name' | 'kind' | 'penName'>;

export interface FingerprintProgress {
  state: FingerprintState | 'none';
  assetsTotal: number;
  assetsDone: number;
  fingerprints: number;
  error: string | null;
  requestedAt: Date | null;
  finishedAt: Date | null;
}

export interface WorkDetail extends Work {
  owners: PartySummary[];
  authorParties: PartySummary[];
  assets: Asset[];
  fingerprint: FingerprintProgress;
}

export interface MarkDetail extends Mark {
  owner: PartySummary;
  assets: Asset[];
  fingerprint: FingerprintProgress;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface RegistryFilter {
  /** Title / name, with or without diacritics, case-insensitive, anywhere in it. */
  q?: string;
  type?: Work['type'];
  kind?: Mark['kind'];
  ownerId?: number;
  certificateNo?: string;
  status?: Work['status'];
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  rows: T[];
  total: number;
}
