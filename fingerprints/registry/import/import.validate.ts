import { z } from 'zod';
import { codeFromLabel, columnsOf, markKindLabels, workTypeLabels, type HeaderMap, type ImportMarkKind, type ImportWorkType, type RegistryKind } from './import.columns.ts';
import { issue, type ImportIssue } from './import.issue.ts';
import type { RawRow } from './import.read.ts';

/**
 * One row of the file checked and typed (zod). Columns absent from the file are absent from `present`:
 * an update leaves those fields as they are, while a present but empty cell clears the field.
 */
export interface WorkRow {
  row: number;
  present: ReadonlySet<string>;
  title: string;
  type: ImportWorkType;
  authors: string[];
  owners: string[];
  certificateNo: string | null;
  certificateDate: string | null;
  publishedOn: string | null;
  description: string | null;
  images: string[];
  text: string | null;
}

export interface MarkRow {
  row: number;
  present: ReadonlySet<string>;
  name: string;
  kind: ImportMarkKind;
  owner: string;
  certificateNo: string | null;
  filingDate: string | null;
  grantDate: string | null;
  niceClasses: number[];
  goods: string | null;
  image: string | null;
}

export type ValidatedRow<K extends RegistryKind> = K extends 'works' ? WorkRow : MarkRow;

/** Zod carries one string per issue: both languages travel inside it as JSON. */
const say = (vi: string, en: string) => JSON.stringify({ vi, en });
const unsay = (message: string): ImportIssue => {
  try {
    const parsed = JSON.parse(message) as ImportIssue;
    if (typeof parsed.vi === 'string' && typeof parsed.en === 'string') return parsed;
  } catch {
    // a zod message of its own (should not happen: every check below names its message)
  }
  return issue(message, message);
};

/** Export prefixes `'` to cells starting with = + - @ (formula injection); importing undoes exactly that. */
export function cleanCell(value: string): string {
  const text = value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

export function splitList(value: string): string[] {
  const seen = new Set<string>();
  for (const part of value.split(';')) {
    const item = part.trim();
    if (item) seen.add(item);
  }
  return [...seen];
}

/** `YYYY-MM-DD` or `dd/mm/yyyy` (also d/m/yyyy), a real calendar date; returned as `YYYY-MM-DD`. */
export function parseDate(value: string): string | undefined {
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1000 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

const optionalText = z.string().transform((v) => v || null);
const required = (code: string) => z.string().min(1, say(`${code}: bắt buộc, không được để trống`, `${code}: required, must not be empty`));
const date = (code: string) =>
  z.string().transform((v, ctx) => {
    if (!v) return null;
    const parsed = parseDate(v);
    if (!parsed) ctx.addIssue({ code: 'custom', message: say(`${code}: ngày không hợp lệ "${v}" (dùng YYYY-MM-DD hoặc dd/mm/yyyy)`, `${code}: invalid date "${v}" (use YYYY-MM-DD or dd/mm/yyyy)`) });
    return parsed ?? null;
  });
const fileNames = z.string().transform((v, ctx) => {
  const names = splitList(v);
  for (const name of names) {
    if (/[\u0000-\u001f]/.test(name) || name.length > 255) ctx.addIssue({ code: 'custom', message: say(`tên tệp hình không hợp lệ: ${name}`, `invalid image file name: ${name}`) });
  }
  return names;
});

/** DESIGN.md §7: no text fixes the format, `3794/2026/QTG` is the practice; validated loosely. */
const WORK_CERTIFICATE = /^\d+\/\d{4}\/[A-Z]+$/;

const workSchema = z.object({
  title: required('title'),
  type: z.string().transform((v, ctx) => {
    const code = v ? codeFromLabel(workTypeLabels, v) : undefined;
    if (!code) {
      ctx.addIssue({
        code: 'custom',
        message: v
          ? say(`type: loại hình không hợp lệ "${v}" (dùng: ${Object.keys(workTypeLabels).join(', ')})`, `type: unknown work type "${v}" (use: ${Object.keys(workTypeLabels).join(', ')})`)
          : say('type: bắt buộc, không được để trống', 'type: required, must not be empty'),
      });
      return z.NEVER;
    }
    return code;
  }),
  authors: z.string().transform(splitList),
  owners: z.string().transform(splitList).pipe(z.array(z.string()).min(1, say('owners: cần ít nhất một chủ sở hữu', 'owners: at least one owner is required'))),
  certificate_no: z
    .string()
    .transform((v) => v.toUpperCase().replace(/\s+/g, ''))
    .refine((v) => !v || WORK_CERTIFICATE.test(v), { message: say('certificate_no: số giấy chứng nhận không đúng dạng số/năm/QTG (ví dụ 3794/2026/QTG)', 'certificate_no: expected number/year/QTG (e.g. 3794/2026/QTG)') })
    .transform((v) => v || null),
  certificate_date: date('certificate_date'),
  published_on: date('published_on'),
  description: optionalText,
  images: fileNames,
  text: optionalText,
});

const markSchema = z
  .object({
    name: required('name'),
    kind: z.string().transform((v, ctx) => {
      const code = v ? codeFromLabel(markKindLabels, v) : undefined;
      if (!code) {
        ctx.addIssue({
          code: 'custom',
          message: v
            ? say(`kind: loại nhãn hiệu không hợp lệ "${v}" (dùng: ${Object.keys(markKindLabels).join(', ')})`, `kind: unknown mark kind "${v}" (use: ${Object.keys(markKindLabels).join(', ')})`)
            : say('kind: bắt buộc, không được để trống', 'kind: required, must not be empty'),
        });
        return z.NEVER;
      }
      return code;
    }),
    owner: required('owner'),
    certificate_no: optionalText,
    filing_date: date('filing_date'),
    grant_date: date('grant_date'),
    nice_classes: z.string().transform((v, ctx) => {
      const classes = new Set<number>();
      for (const part of splitList(v)) {
        const n = Number(part);
        if (!/^\d{1,2}$/.test(part) || n < 1 || n > 45) {
          ctx.addIssue({ code: 'custom', message: say(`nice_classes: nhóm Nice không hợp lệ "${part}" (1–45)`, `nice_classes: invalid Nice class "${part}" (1–45)`) });
        } else classes.add(n);
      }
      return [...classes].sort((a, b) => a - b);
    }),
    goods: optionalText,
    image: z.string().transform((v, ctx) => {
      if (v.includes(';')) ctx.addIssue({ code: 'custom', message: say('image: chỉ một tệp hình cho mỗi nhãn hiệu', 'image: one image file per mark') });
      return v || null;
    }),
  })
  .superRefine((row, ctx) => {
    if (row.filing_date && row.grant_date && row.grant_date < row.filing_date) {
      ctx.addIssue({ code: 'custom', message: say('grant_date: ngày cấp trước ngày nộp đơn', 'grant_date: grant date is before the filing date') });
    }
  });

export type RowResult<K extends RegistryKind> = { ok: true; value: ValidatedRow<K> } | { ok: false; row: number; errors: ImportIssue[] };

/** Checks one row against the header's columns; every problem of the row is reported, not just the first. */
export function validateRow<K extends RegistryKind>(kind: K, header: HeaderMap, raw: RawRow): RowResult<K> {
  const spec = columnsOf(kind);
  const errors: ImportIssue[] = [...raw.problems];
  const cells: Record<string, string> = {};
  const present = new Set(header.columns.values());
  for (const column of spec) cells[column.code] = '';
  for (const [index, code] of header.columns) {
    const value = cleanCell(raw.cells[index] ?? '');
    const column = spec.find((c) => c.code === code)!;
    if (value.length > column.maxChars) {
      errors.push(issue(`${code}: ô quá dài (${value.length} ký tự, tối đa ${column.maxChars})`, `${code}: cell too long (${value.length} characters, limit ${column.maxChars})`));
      continue;
    }
    cells[code] = value;
  }
  if (raw.cells.slice(header.width).some((c) => c.trim())) errors.push(issue('dòng có nhiều ô hơn dòng tiêu đề', 'the row has more cells than the header'));
  const parsed = (kind === 'works' ? workSchema : markSchema).safeParse(cells);
  if (!parsed.success) errors.push(...parsed.error.issues.map((i) => unsay(i.message)));
  if (errors.length || !parsed.success) return { ok: false, row: raw.row, errors };
  const data = parsed.data as Record<string, unknown>;
  const value =
    kind === 'works'
      ? ({
          row: raw.row,
          present,
          title: data.title,
          type: data.type,
          authors: data.authors,
          owners: data.owners,
          certificateNo: data.certificate_no,
          certificateDate: data.certificate_date,
          publishedOn: data.published_on,
          description: data.description,
          images: data.images,
          text: data.text,
        } as WorkRow)
      : ({
          row: raw.row,
          present,
          name: data.name,
          kind: data.kind,
          owner: data.owner,
          certificateNo: data.certificate_no,
          filingDate: data.filing_date,
          grantDate: data.grant_date,
          niceClasses: data.nice_classes,
          goods: data.goods,
          image: data.image,
        } as MarkRow);
  return { ok: true, value: value as ValidatedRow<K> };
}

/** DESIGN.md §5: a work by certificate_no, else title + first owner; a mark by certificate_no, else name + owner. */
export function identityKey(row: WorkRow | MarkRow): string {
  if (row.certificateNo) return `cert:${row.certificateNo}`;
  return 'title' in row ? `title:${row.title}\u0000${row.owners[0]}` : `name:${row.name}\u0000${row.owner}`;
}
