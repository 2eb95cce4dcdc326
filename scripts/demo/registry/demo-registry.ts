import { fileURLToPath } from 'node:url';
import type { UserRole } from '../../../api/api.schema.ts';
import { DONG_HO_COOP, PHU_LANG_COOP, demoWorkData, type DemoWorkData } from './demo-works.ts';

/** DEMO DATA ONLY: a registry and accounts for trying ipwatch out; never load it into a production database. */

export interface DemoWork extends DemoWorkData {
  /** Absolute path of the work's one registered image (a JPEG under scripts/demo/assets/works/). */
  imageFile: string;
}

export interface DemoOwner {
  name: string;
  kind: 'organisation' | 'person';
  contact: string;
}

export interface DemoUser {
  email: string;
  /** Printed by the app at start so a visitor can log in; the "demo-" prefix makes a leaked one obvious. */
  password: string;
  role: UserRole;
  displayName: string;
  /** For rights holders: the owner whose works (and only those) the account may see. */
  ownerName: string | null;
}

function assetPath(key: string): string {
  return fileURLToPath(new URL(`../assets/works/${key}.jpg`, import.meta.url));
}

export const demoWorks: DemoWork[] = demoWorkData.map((w) => ({ ...w, imageFile: assetPath(w.key) }));

const ownerKinds: Record<string, DemoOwner['kind']> = {
  [DONG_HO_COOP]: 'organisation',
  [PHU_LANG_COOP]: 'organisation',
  'Công ty TNHH Mỹ nghệ Đồng Kỵ': 'organisation',
  'Nhà hát Dân ca Quan họ Bắc Ninh': 'organisation',
  'HTX Bánh phu thê Đình Bảng': 'organisation',
  'Hội Vải thiều Lục Ngạn': 'organisation',
  'HTX Mì Chũ Nam Dương': 'organisation',
};

function contactOf(index: number): string {
  // Reserved example domain (RFC 2606): a demo notice can never reach a real inbox.
  return `lienhe${index + 1}@example.vn`;
}

export const demoOwners: DemoOwner[] = [...new Set(demoWorkData.flatMap((w) => w.owners))].map((name, i) => ({
  name,
  kind: ownerKinds[name] ?? 'person',
  contact: contactOf(i),
}));

export const demoUsers: DemoUser[] = [
  { email: 'canbo@ipwatch.local', password: 'demo-canbo-2026', role: 'officer', displayName: 'Cán bộ Sở VHTTDL (demo)', ownerName: null },
  { email: 'thanhtra@ipwatch.local', password: 'demo-thanhtra-2026', role: 'inspector', displayName: 'Thanh tra Sở (demo)', ownerName: null },
  { email: 'dongho@ipwatch.local', password: 'demo-dongho-2026', role: 'rights_holder', displayName: 'HTX Tranh Đông Hồ (demo)', ownerName: DONG_HO_COOP },
  { email: 'phulang@ipwatch.local', password: 'demo-phulang-2026', role: 'rights_holder', displayName: 'HTX Gốm Phù Lãng (demo)', ownerName: PHU_LANG_COOP },
];

export function demoWork(key: string): DemoWork {
  const work = demoWorks.find((w) => w.key === key);
  if (!work) throw new Error(`unknown demo work: ${key}`);
  return work;
}

/** Column order of DESIGN.md §5 (works); images are referred to by file name, as inside an images ZIP. */
const csvColumns = ['title', 'type', 'authors', 'owners', 'certificate_no', 'certificate_date', 'description', 'images', 'text'] as const;

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The demo registry as a works CSV for `ipwatch registry import`; image names match `<key>.jpg` in assets/works. */
export function demoWorksCsv(): string {
  const rows = demoWorks.map((w) =>
    [w.title, w.type, w.authors.join(';'), w.owners.join(';'), w.certificateNo ?? '', w.certificateDate ?? '', w.description, `${w.key}.jpg`, w.text ?? ''].map(csvCell).join(','),
  );
  return [csvColumns.join(','), ...rows].join('\r\n') + '\r\n';
}
