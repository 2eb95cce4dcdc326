import { foldVietnamese } from '../../text/vietnamese.ts';
import { issue, type ImportIssue } from './import.issue.ts';

/**
 * The columns of DESIGN.md §5, with the Vietnamese labels the UI template shows. A header cell may be the
 * code (`certificate_no`) or the label (`Số giấy chứng nhận`), with or without diacritics and a `*`.
 */
export type RegistryKind = 'works' | 'marks';

export interface ColumnSpec {
  code: string;
  vi: string;
  en: string;
  required: boolean;
  /** `;`-separated list in a cell. */
  list?: boolean;
  /** Cell longer than this is rejected; the same bounds as the registry service's own input schemas. */
  maxChars: number;
}

const SHORT = 1_000;
const LONG = 20_000;
/** A poem, lyrics or an article: long, but bounded so one row cannot hold a whole book. */
export const TEXT_MAX_CHARS = 200_000;

export const workColumns: readonly ColumnSpec[] = [
  { code: 'title', vi: 'Tên tác phẩm', en: 'Title', required: true, maxChars: 500 },
  { code: 'type', vi: 'Loại hình', en: 'Type', required: true, maxChars: SHORT },
  { code: 'authors', vi: 'Tác giả', en: 'Authors', required: false, list: true, maxChars: LONG },
  { code: 'owners', vi: 'Chủ sở hữu', en: 'Owners', required: true, list: true, maxChars: LONG },
  { code: 'certificate_no', vi: 'Số giấy chứng nhận', en: 'Certificate no.', required: false, maxChars: 64 },
  { code: 'certificate_date', vi: 'Ngày cấp giấy chứng nhận', en: 'Certificate date', required: false, maxChars: SHORT },
  { code: 'published_on', vi: 'Ngày công bố', en: 'Published on', required: false, maxChars: SHORT },
  { code: 'description', vi: 'Mô tả', en: 'Description', required: false, maxChars: 10_000 },
  { code: 'images', vi: 'Hình ảnh', en: 'Images', required: false, list: true, maxChars: LONG },
  { code: 'text', vi: 'Nội dung văn bản', en: 'Text', required: false, maxChars: TEXT_MAX_CHARS },
];

export const markColumns: readonly ColumnSpec[] = [
  { code: 'name', vi: 'Tên nhãn hiệu', en: 'Mark name', required: true, maxChars: 300 },
  { code: 'kind', vi: 'Loại nhãn hiệu', en: 'Kind', required: true, maxChars: SHORT },
  { code: 'owner', vi: 'Chủ sở hữu', en: 'Owner', required: true, maxChars: 300 },
  { code: 'certificate_no', vi: 'Số văn bằng', en: 'Certificate no.', required: false, maxChars: 64 },
  { code: 'filing_date', vi: 'Ngày nộp đơn', en: 'Filing date', required: false, maxChars: SHORT },
  { code: 'grant_date', vi: 'Ngày cấp văn bằng', en: 'Grant date', required: false, maxChars: SHORT },
  { code: 'nice_classes', vi: 'Nhóm Nice', en: 'Nice classes', required: false, list: true, maxChars: SHORT },
  { code: 'goods', vi: 'Hàng hóa, dịch vụ', en: 'Goods and services', required: false, maxChars: 10_000 },
  { code: 'image', vi: 'Mẫu nhãn hiệu', en: 'Mark image', required: false, maxChars: SHORT },
];

export const columnsOf = (kind: RegistryKind): readonly ColumnSpec[] => (kind === 'works' ? workColumns : markColumns);

/** IP Law Art. 14(1) a–m in the codes of DESIGN.md §5, with the Vietnamese names officers know. */
export const workTypeLabels = {
  literary: 'Văn học, khoa học',
  lecture: 'Bài giảng, bài phát biểu',
  press: 'Báo chí',
  music: 'Âm nhạc',
  stage: 'Sân khấu',
  cinema: 'Điện ảnh',
  fine_art: 'Mỹ thuật',
  applied_art: 'Mỹ thuật ứng dụng',
  photo: 'Nhiếp ảnh',
  architecture: 'Kiến trúc',
  drawing_map: 'Bản họa đồ, sơ đồ, bản đồ, bản vẽ',
  folk: 'Văn học, nghệ thuật dân gian',
  software: 'Chương trình máy tính, sưu tập dữ liệu',
} as const;
export type ImportWorkType = keyof typeof workTypeLabels;

export const markKindLabels = {
  ordinary: 'Nhãn hiệu thông thường',
  collective: 'Nhãn hiệu tập thể',
  certification: 'Nhãn hiệu chứng nhận',
  geographical_indication: 'Chỉ dẫn địa lý',
  ocop: 'Sản phẩm OCOP',
} as const;
export type ImportMarkKind = keyof typeof markKindLabels;

/** Case, diacritics, `*` (required marker), punctuation and spacing do not matter in a header or a code. */
export function normalizeLabel(text: string): string {
  return foldVietnamese(text.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Looks a code up by itself or its Vietnamese label. */
export function codeFromLabel<T extends string>(labels: Record<T, string>, value: string): T | undefined {
  const wanted = normalizeLabel(value);
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    if (normalizeLabel(code) === wanted || normalizeLabel(label) === wanted) return code;
  }
  return undefined;
}

export interface HeaderMap {
  kind: RegistryKind;
  /** Column index → column code; unknown headers are absent (ignored, e.g. a `STT` numbering column). */
  columns: Map<number, string>;
  ignored: string[];
  /** Number of header cells: a data row with text beyond them is refused. */
  width: number;
  /** Problems with the header row itself, reported as row 1. */
  errors: ImportIssue[];
}

function lookup(spec: readonly ColumnSpec[], header: string): string | undefined {
  const wanted = normalizeLabel(header);
  if (!wanted) return undefined;
  return spec.find((c) => normalizeLabel(c.code) === wanted || normalizeLabel(c.vi) === wanted || normalizeLabel(c.en) === wanted)?.code;
}

/**
 * A file is works or marks, told by its header: the kind whose own columns it names. Undefined when
 * the header names neither (or both equally), which the caller reports as an unusable file.
 */
export function mapHeader(headers: readonly string[]): HeaderMap | undefined {
  const score = (spec: readonly ColumnSpec[], other: readonly ColumnSpec[]) =>
    headers.filter((h) => {
      const code = lookup(spec, h);
      return code !== undefined && lookup(other, h) === undefined;
    }).length;
  const works = score(workColumns, markColumns);
  const marks = score(markColumns, workColumns);
  if (works === marks) return undefined;
  const kind: RegistryKind = works > marks ? 'works' : 'marks';
  const spec = columnsOf(kind);
  const columns = new Map<number, string>();
  const ignored: string[] = [];
  const errors: ImportIssue[] = [];
  const seen = new Map<string, number>();
  headers.forEach((header, index) => {
    const code = lookup(spec, header);
    if (!code) {
      if (header.trim()) ignored.push(header.trim());
      return;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      errors.push(issue(`cột "${code}" xuất hiện hai lần (cột ${first + 1} và ${index + 1})`, `column "${code}" appears twice (columns ${first + 1} and ${index + 1})`));
      return;
    }
    seen.set(code, index);
    columns.set(index, code);
  });
  const missing = spec.filter((c) => c.required && !seen.has(c.code)).map((c) => `${c.code} (${c.vi})`);
  if (missing.length) errors.push(issue(`thiếu cột bắt buộc: ${missing.join(', ')}`, `missing required column: ${missing.join(', ')}`));
  return { kind, columns, ignored, width: headers.length, errors };
}
