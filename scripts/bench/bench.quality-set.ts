import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { clipartCandidates, demoSourcePaths, ensureBenchPictures, normalise, OPENCLIPART_SVG, packageFiles, spread, type BenchImage, type ImageKind } from './bench.images.ts';
import { BenchSetupError } from './bench.packages.ts';

/**
 * The labelled set of the quality benchmark: registered originals and never-registered distractors,
 * all from Debian packages (bench.packages.ts). Some distractors are chosen to be hard: the same
 * artist's next drawing in a series (another tiger, another galloping horse, the next menu of one
 * template) or the same photographer's next picture of a similar scene. None is an edit of a
 * registered picture, so any match with its sibling is a false accusation; the benchmark counts
 * those separately ("near-similar pairs").
 */

const C = OPENCLIPART_SVG;
const B = '/usr/share/backgrounds';

export interface NearPair {
  registered: string;
  distractor: string;
  relation: string;
}

// Picked by looking at them: a different picture each time, never a recolour or a b/w version of
// the same drawing (that would be the same work, and a match would be right).
export const NEAR_PAIRS: NearPair[] = [
  { registered: `${C}/animals/mammals/big_cats/tigre01_architetto_franc_01.svg`, distractor: `${C}/animals/mammals/big_cats/tigre03_architetto_franc_01.svg`, relation: 'same artist, tiger series' },
  { registered: `${C}/animals/mammals/big_cats/tigre02_architetto_franc_01.svg`, distractor: `${C}/animals/mammals/big_cats/tigre04_architetto_franc_01.svg`, relation: 'same artist, tiger series' },
  { registered: `${C}/animals/mammals/horses/cavallo_architetto_franc_01.svg`, distractor: `${C}/animals/mammals/horses/cavallo_architetto_franc_02.svg`, relation: 'same artist, galloping horse, same pose' },
  { registered: `${C}/animals/mammals/horses/cavallo_architetto_franc_03.svg`, distractor: `${C}/animals/mammals/horses/cavallo_architetto_franc_04.svg`, relation: 'same artist, horse head series' },
  { registered: `${C}/animals/dinosaurs/dino_architetto_francesc_05.svg`, distractor: `${C}/animals/dinosaurs/dino_architetto_francesc_04.svg`, relation: 'same artist, green sauropod series' },
  { registered: `${C}/animals/dinosaurs/dino_architetto_francesc_06.svg`, distractor: `${C}/animals/dinosaurs/dino_architetto_francesc_03.svg`, relation: 'same artist, dinosaur series' },
  { registered: `${C}/animals/rana01_architetto_france_01.svg`, distractor: `${C}/animals/rana02_architetto_france_01.svg`, relation: 'same artist, frog series' },
  { registered: `${C}/animals/mammals/elefante02_architetto_fr_01.svg`, distractor: `${C}/animals/mammals/elefante01_architetto_fr_01.svg`, relation: 'same artist, elephant series, same pose' },
  { registered: `${C}/animals/mammals/housecats/gatto_cat_architetto_fra_03.svg`, distractor: `${C}/animals/mammals/housecats/gatto_cat_architetto_fra_04.svg`, relation: 'same artist, cat series' },
  { registered: `${C}/food/crawfish1_ganson.svg`, distractor: `${C}/food/crawfish2_ganson.svg`, relation: 'same artist, crawfish pair' },
  { registered: `${C}/food/menu_example2.svg`, distractor: `${C}/food/menu_example1.svg`, relation: 'same menu template, other dishes' },
  { registered: `${C}/food/menu_example2.svg`, distractor: `${C}/food/menu_example3.svg`, relation: 'same menu template, other dishes' },
  { registered: `${C}/food/menu_example4.svg`, distractor: `${C}/food/menu_example5.svg`, relation: 'same menu template, other dishes' },
  { registered: `${B}/aitzgorri_by_Aitzol_Berasategi.jpg`, distractor: `${B}/picosdeeuropa_by_Aitzol_Berasategi.jpg`, relation: 'same photographer, mountain landscape' },
  { registered: `${B}/Picture_0B_by_freespace.jpg`, distractor: `${B}/Picture_1A_by_freespace.jpg`, relation: "same photographer's numbered series" },
  { registered: `${B}/free_by_Peter_Nerlich.jpg`, distractor: `${B}/greentock_by_Peter_Nerlich.jpg`, relation: 'same photographer, grey interior close-ups' },
];

const REGISTERED_PHOTOS = [
  'Fossa_by_Jasper_Roks.jpg',
  'Infinite-Sea_by_Aury88.jpg',
  'Kleiber_by_Lukas_Baubkus.jpg',
  'Painting-Colors_by__herobrine7gamer.jpg',
  'Dragonfly_by_Bolly.jpg',
  'umang_by_Abhishek_Mudgal.jpg',
  'sunset_by_Aitzol_Berasategi.jpg',
  'life_by_Aitzol_Berasategi.jpg',
  'analogpattern_by_Peter_Nerlich.jpg',
].map((f) => `${B}/${f}`);
const DISTRACTOR_PHOTOS = ['friends_by_Aitzol_Berasategi.jpg', 'seeding_by_Clements_Engelhardt.jpg', 'Wine_by_Jakkub_Mede.jpg', 'Bridge_by_Sander_Klootwijk.jpg'].map(
  (f) => `${B}/${f}`,
);

export const MIN_ORIGINALS = 40;
export const MIN_DISTRACTORS = 20;

export interface QualitySet {
  originals: BenchImage[];
  distractors: BenchImage[];
  /** For each distractor, the originals it is a near-similar sibling of, and how. */
  siblings: { original: number; relation: string }[][];
  notes: string[];
}

let focal: Set<string> | undefined;
function sourceOf(file: string): string {
  if (!file.startsWith(B)) return 'openclipart-svg';
  focal ??= new Set(packageFiles('lomiri-wallpapers-20.04') ?? []);
  return focal.has(file) ? 'lomiri-wallpapers-20.04' : 'lomiri-wallpapers-16.04';
}

async function load(file: string): Promise<BenchImage> {
  if (!existsSync(file)) throw new BenchSetupError(`benchmark picture missing: ${file} (is its Debian package complete?)`);
  const kind: ImageKind = file.endsWith('.svg') ? 'clipart' : 'photo';
  return normalise(readFileSync(file), path.basename(file).replace(/\.[a-z]+$/i, ''), kind, sourceOf(file), kind === 'clipart');
}

/**
 * quick: a smaller set for developing the benchmark (still real pictures, still with near pairs).
 * Clip art fills the originals up to `originals` and the distractors up to `distractors`.
 */
export async function loadQualitySet(opts: { originals: number; distractors: number; quick?: boolean; log?: (line: string) => void }): Promise<QualitySet> {
  ensureBenchPictures(opts.log);
  const pairs = opts.quick ? NEAR_PAIRS.filter((_, i) => i % 3 === 0) : NEAR_PAIRS;
  // The demo's registered works, from their package originals (openclipart-png is not among ours).
  const demoWorks = [...demoSourcePaths('works')].filter((f) => f.startsWith(C) || f.startsWith(B));
  const registeredFiles = [...new Set([...pairs.map((p) => p.registered), ...demoWorks.slice(0, opts.quick ? 3 : undefined), ...(opts.quick ? REGISTERED_PHOTOS.slice(0, 2) : REGISTERED_PHOTOS)])];
  const distractorFiles = [...new Set([...pairs.map((p) => p.distractor), ...(opts.quick ? DISTRACTOR_PHOTOS.slice(0, 1) : DISTRACTOR_PHOTOS)])];
  const taken = new Set([...registeredFiles, ...distractorFiles, ...NEAR_PAIRS.flatMap((p) => [p.registered, p.distractor])]);
  const fillOriginals = Math.max(0, opts.originals - registeredFiles.length);
  const fillDistractors = Math.max(0, opts.distractors - distractorFiles.length);
  const originals: BenchImage[] = [];
  for (const f of registeredFiles) originals.push(await load(f));
  const distractors: BenchImage[] = [];
  for (const f of distractorFiles) distractors.push(await load(f));

  // Clip art fills both sides from one even spread over the library (about every k-th drawing to the
  // distractors, so both get every folder); spares stand in for files librsvg cannot read.
  const notes: string[] = [];
  const fill = spread(clipartCandidates(taken), fillOriginals + fillDistractors + 12);
  let wantOriginals = fillOriginals;
  let wantDistractors = fillDistractors;
  for (const f of fill) {
    if (wantOriginals + wantDistractors === 0) break;
    let image: BenchImage;
    try {
      image = await load(f);
    } catch (error) {
      notes.push(`skipped ${f}: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    // Whichever side is further behind its share takes the next drawing.
    const toDistractor = wantDistractors * fillOriginals > wantOriginals * fillDistractors;
    if (toDistractor) {
      distractors.push(image);
      distractorFiles.push(f);
      wantDistractors--;
    } else {
      originals.push(image);
      registeredFiles.push(f);
      wantOriginals--;
    }
  }
  const siblings = distractorFiles.map((d) =>
    pairs.filter((p) => p.distractor === d).map((p) => ({ original: registeredFiles.indexOf(p.registered), relation: p.relation })),
  );
  if (!opts.quick && (originals.length < MIN_ORIGINALS || distractors.length < MIN_DISTRACTORS)) {
    throw new BenchSetupError(`quality set too small: ${originals.length} originals, ${distractors.length} distractors (need ${MIN_ORIGINALS} and ${MIN_DISTRACTORS})`);
  }
  const nearCount = siblings.filter((s) => s.length > 0).length;
  return {
    originals,
    distractors,
    siblings,
    notes: [
      ...notes,
      `${originals.length} registered originals, ${distractors.length} distractors of which ${nearCount} near-similar to a registered sibling (${pairs.length} labelled pairs: ${[...new Set(pairs.map((p) => p.relation))].join('; ')})`,
    ],
  };
}
