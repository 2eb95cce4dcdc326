import { workStatuses, type RelatedRightKind } from '../../../fingerprints/fingerprints.schema.ts';

export type FormFields = Record<string, string>;

/** The string fields of a parsed form body (files and repeated fields are handled by the caller). */
export function stringFields(body: Record<string, unknown>): FormFields {
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

const lines = (value: string | undefined) =>
  (value ?? '')
    .split(/\r?\n|;/)
    .map((s) => s.trim())
    .filter(Boolean);

/** `null` for a cleared optional field on edit, left out on create. */
function optional(value: string | undefined, editing: boolean): string | null | undefined {
  const v = value?.trim();
  return v ? v : editing ? null : undefined;
}

const RIGHT_WORDS: Record<string, RelatedRightKind> = {
  performance: 'performance', 'cuộc biểu diễn': 'performance', 'biểu diễn': 'performance',
  phonogram: 'phonogram', 'bản ghi âm': 'phonogram', 'ghi âm': 'phonogram',
  videogram: 'videogram', 'bản ghi hình': 'videogram', 'ghi hình': 'videogram',
  broadcast: 'broadcast', 'phát sóng': 'broadcast', 'chương trình phát sóng': 'broadcast',
};

/** "kind | holder" per line; the kind in English or Vietnamese. Unknown kinds are kept for the service to refuse. */
export function parseRelatedRights(value: string | undefined): { kind: RelatedRightKind; holder: string }[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [kind = '', ...rest] = line.split('|');
      const key = kind.trim().toLowerCase();
      return { kind: (RIGHT_WORDS[key] ?? key) as RelatedRightKind, holder: rest.join('|').trim() };
    });
}

export function formatRelatedRights(rights: { kind: string; holder: string }[]): string {
  return rights.map((r) => `${r.kind} | ${r.holder}`).join('\n');
}

/** The work fields of the form, as the registry's input (create) or patch (edit). */
export function workFromForm(form: FormFields, options: { editing: boolean; ownersAllowed: boolean }) {
  const { editing } = options;
  const status = form.status && (workStatuses as readonly string[]).includes(form.status) ? (form.status as (typeof workStatuses)[number]) : undefined;
  return {
    title: form.title ?? '',
    type: form.type as never,
    authors: lines(form.authors),
    ...(options.ownersAllowed && (form.owners?.trim() || editing) ? { owners: lines(form.owners) } : {}),
    certificateNo: optional(form.certificateNo, editing),
    certificateDate: optional(form.certificateDate, editing),
    publishedOn: optional(form.publishedOn, editing),
    publishedPlace: optional(form.publishedPlace, editing),
    description: optional(form.description, editing),
    text: optional(form.text, editing),
    relatedRights: parseRelatedRights(form.relatedRights),
    ...(status ? { status } : {}),
  };
}

export function markFromForm(form: FormFields, options: { editing: boolean; ownerAllowed: boolean }) {
  const { editing } = options;
  const classes = (form.niceClasses ?? '')
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((s) => (/^\d{1,2}$/.test(s) ? Number(s) : NaN));
  const status = form.status && (workStatuses as readonly string[]).includes(form.status) ? (form.status as (typeof workStatuses)[number]) : undefined;
  return {
    name: form.name ?? '',
    kind: form.kind as never,
    ...(form.form ? { form: form.form as never } : {}),
    ...(options.ownerAllowed && form.owner?.trim() ? { owner: form.owner.trim() } : {}),
    certificateNo: optional(form.certificateNo, editing),
    filingDate: optional(form.filingDate, editing),
    grantDate: optional(form.grantDate, editing),
    niceClasses: classes,
    goods: optional(form.goods, editing),
    description: optional(form.description, editing),
    ...(status ? { status } : {}),
  };
}

/** Query string of a list page, keeping the filters and changing the offset. */
export function listHref(base: string, filters: Record<string, string | number | undefined>, offset: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') params.set(k, String(v));
  if (offset) params.set('offset', String(offset));
  const q = params.toString();
  return q ? `${base}?${q}` : base;
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} kB`;
}
