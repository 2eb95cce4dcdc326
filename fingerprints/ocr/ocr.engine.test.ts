import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DependencyError, ExternalInputError } from '../../core/errors/errors.ts';
import { toIndexedWork } from '../../matcher/match.index.ts';
import { markSignals } from '../../matcher/mark.signals.ts';
import { prepareMatchText, textSimilarity } from '../text/text-similarity.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import { OcrEngine, ocrTextFields, VIE_LANG_PATH } from './ocr.engine.ts';
import { detectTextRegions } from './text-regions.ts';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Vietnamese lines drawn with Debian's Noto Sans (fonts-noto-core) on a light product-card background. */
async function render(lines: string[], size = 40): Promise<Buffer> {
  const height = 60 + lines.length * size * 1.5;
  const text = lines.map((l, i) => `<text x="40" y="${70 + i * size * 1.5}" font-family="Noto Sans" font-size="${size}" fill="#222">${escape(l)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="${height}"><rect width="100%" height="100%" fill="#f6f1e7"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function photo(): Promise<Buffer> {
  // Smooth gradients and a soft disc: a product shot with no text.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><defs><radialGradient id="g"><stop offset="0" stop-color="#c96"/><stop offset="1" stop-color="#335"/></radialGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="400" cy="300" r="180" fill="#a63" opacity="0.6"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

describe('detectTextRegions', () => {
  it('says no text for blank, tiny or truncated pixel buffers', () => {
    expect(detectTextRegions(new Uint8Array(100 * 100).fill(255), 100, 100).likely).toBe(false);
    expect(detectTextRegions(new Uint8Array(4), 2, 2).likely).toBe(false);
    expect(detectTextRegions(new Uint8Array(10), 100, 100).likely).toBe(false);
  });
});

describe('OcrEngine (tesseract.js + @tesseract.js-data/vie, offline)', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await OcrEngine.create();
  }, 120_000);
  afterAll(() => engine?.close());

  it('reads Vietnamese text rendered into an image back, diacritics included', async () => {
    const image = await render(['Gốm Phù Lãng chính hãng', 'Tranh Đông Hồ đám cưới chuột']);
    const result = await engine.read(image);
    expect(result.ran).toBe(true);
    expect(result.regions.likely).toBe(true);
    expect(foldVietnamese(result.text).toLowerCase()).toContain('phu lang');
    expect(foldVietnamese(result.text).toLowerCase()).toContain('dong ho');
    expect(result.text).toMatch(/Phù Lãng/);
    expect(result.lines[0]!.box.w).toBeGreaterThan(100);
    console.info(`OCR cost: detect ${result.detectMs.toFixed(1)} ms, OCR ${result.ocrMs.toFixed(0)} ms for a 1000×${Math.round(60 + 2 * 60)} image`);
  }, 120_000);

  it('feeds the OCR text to the mark and text matchers, naming the image in the explanation', async () => {
    const result = await engine.read(await render(['Bánh phu thê Đình Bảng', 'Làng tranh bên bến sông Đuống', 'Giấy dó quét điệp óng ánh vỏ sò']));
    const prepared = prepareMatchText([{ field: 'title', text: 'Bánh ngon loại 1' }, ...ocrTextFields([{ position: 1, result }])]);
    const mark = toIndexedWork({ id: 1, title: 'Bánh phu thê Đình Bảng', keywords: [], text: null, kind: 'mark' });
    const signal = markSignals(mark, prepared)[0];
    expect(signal?.explanation).toContain('image 2 (OCR)');
    expect(signal?.spans?.[0]?.field).toBe('image 2 (OCR)');
    const reuse = textSimilarity('Làng tranh bên bến sông Đuống\nGiấy dó quét điệp óng ánh vỏ sò', prepared);
    expect(reuse.matched).toBe(true);
    expect(reuse.spans[0]!.field).toBe('image 2 (OCR)');
  }, 120_000);

  it('skips OCR on an image without text-like rows, and costs little doing so', async () => {
    const result = await engine.read(await photo());
    expect(result.ran).toBe(false);
    expect(result.text).toBe('');
    expect(result.detectMs).toBeLessThan(1000);
  }, 60_000);

  it('refuses unreadable bytes with an ExternalInputError', async () => {
    await expect(engine.read(Buffer.from('not an image'))).rejects.toBeInstanceOf(ExternalInputError);
    await expect(engine.read(new Uint8Array(0))).rejects.toBeInstanceOf(ExternalInputError);
  }, 60_000);
});

describe('OcrEngine closed while a read is under way', () => {
  it('rejects that read with a DependencyError instead of posting to a dead worker (an unhandled rejection)', async () => {
    const engine = await OcrEngine.create();
    const read = engine.read(await render(['Gốm Phù Lãng']), { force: true });
    await engine.close();
    await expect(read).rejects.toBeInstanceOf(DependencyError);
    await engine.close(); // twice is harmless
  }, 120_000);
});

describe('OCR without a network', () => {
  const hasUnshare = spawnSync('unshare', ['-n', 'true']).status === 0;
  it.skipIf(!hasUnshare)('reads text in a process with no network at all (unshare -n)', async () => {
    const image = (await render(['Gốm Phù Lãng'])).toString('base64');
    const script = `(async () => {
      const { OcrEngine } = await import(${JSON.stringify(fileURLToPath(new URL('./ocr.engine.ts', import.meta.url)))});
      const engine = await OcrEngine.create();
      const r = await engine.read(Buffer.from(process.env.IMG, 'base64'));
      await engine.close();
      console.log(JSON.stringify(r.text));
    })();`;
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const out = execFileSync('unshare', ['-n', tsx, '--eval', script], { env: { ...process.env, IMG: image }, timeout: 120_000, cwd: '/tmp' }).toString();
    expect(out).toMatch(/Phù Lãng|Phu Lang/i);
    expect(VIE_LANG_PATH).toMatch(/node_modules/);
  }, 150_000);
});
