import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './image.decode.ts';
import { mainContent, trimBorders } from './trim.ts';
import { productCard, scenePng } from './synthetic.fixture.ts';

const near = (a: number, b: number, slack = 3) => Math.abs(a - b) <= slack;

describe('trimBorders', () => {
  it('removes a coloured border, even after JPEG compression', async () => {
    const framed = await sharp(await scenePng(31, 400, 300))
      .extend({ top: 40, bottom: 40, left: 25, right: 25, background: '#1e6b3a' })
      .jpeg({ quality: 70 })
      .toBuffer();
    const result = trimBorders(await decodeImage(framed));
    expect(result.trimmed).toBe(true);
    const { x, y, w, h } = result.box;
    expect([near(x, 25), near(y, 40), near(w, 400, 6), near(h, 300, 6)]).toEqual([true, true, true, true]);
    expect(result.background![1]).toBeGreaterThan(80);
  });

  it('removes a frame around a white mat around the picture', async () => {
    const matted = await sharp(await sharp(await scenePng(32, 300, 200)).extend({ top: 30, bottom: 30, left: 30, right: 30, background: '#ffffff' }).toBuffer())
      .extend({ top: 12, bottom: 12, left: 12, right: 12, background: '#8a1f11' })
      .png()
      .toBuffer();
    const { box, trimmed } = trimBorders(await decodeImage(matted));
    expect(trimmed).toBe(true);
    expect([near(box.x, 42), near(box.y, 42), near(box.w, 300, 4), near(box.h, 200, 4)]).toEqual([true, true, true, true]);
  });

  it('leaves a photo that runs to the edges alone', async () => {
    const result = trimBorders(await decodeImage(await scenePng(33)));
    expect(result).toMatchObject({ trimmed: false, box: { x: 0, y: 0, w: 640, h: 480 } });
  });

  it('never trims a blank image to nothing', async () => {
    const blank = await decodeImage(await sharp({ create: { width: 200, height: 150, channels: 3, background: '#ffffff' } }).png().toBuffer());
    expect(trimBorders(blank)).toMatchObject({ trimmed: false, reason: 'blank', box: { x: 0, y: 0, w: 200, h: 150 } });
    expect(mainContent(blank)).toMatchObject({ trimmed: false, box: { w: 200, h: 150 } });
  });

  it('keeps the full box when what is left is a speck', async () => {
    const speck = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#ffffff' } })
      .composite([{ input: await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000000' } }).png().toBuffer(), left: 200, top: 200 }])
      .png()
      .toBuffer();
    expect(trimBorders(await decodeImage(speck))).toMatchObject({ trimmed: false, reason: 'content too small' });
  });
});

describe('mainContent', () => {
  it('finds the photo on a white product card with price text below it', async () => {
    const card = await decodeImage(await productCard(await scenePng(34)));
    // Card 900×1100, photo 720×540 at (90, 60); text below.
    const trimmed = trimBorders(card);
    expect(trimmed.box.h).toBeGreaterThan(600); // the text is still inside the plain trim
    const { box, trimmed: ok } = mainContent(card);
    expect(ok).toBe(true);
    expect([near(box.x, 90), near(box.y, 60), near(box.w, 720, 6), near(box.h, 540, 6)]).toEqual([true, true, true, true]);
  });
});
