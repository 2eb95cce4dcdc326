import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ExternalInputError } from '../../core/errors/errors.ts';
import { decodeImage, sniffFormat } from './image.decode.ts';
import { scenePng } from './synthetic.fixture.ts';

/** A PNG whose header declares width×height over the given (short) compressed rows. */
function pngDeclaring(width: number, height: number, idat: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method quirks, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

async function rejects(bytes: Uint8Array, message: RegExp, opts?: Parameters<typeof decodeImage>[1]) {
  const error = await decodeImage(bytes, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExternalInputError);
  expect((error as Error).message).toMatch(message);
  // One short line: the CLI prints it as the candidate's error.
  expect((error as Error).message).not.toContain('\n');
}

const pixelAt = (img: { width: number; data: Uint8Array }, x: number, y: number) => {
  const p = (y * img.width + x) * 3;
  return [img.data[p]!, img.data[p + 1]!, img.data[p + 2]!];
};

describe('decodeImage', () => {
  it('decodes a JPEG to 8-bit RGB', async () => {
    const img = await decodeImage(await sharp(await scenePng(1)).jpeg().toBuffer());
    expect(img).toMatchObject({ width: 640, height: 480, format: 'jpeg' });
    expect(img.data.length).toBe(640 * 480 * 3);
  });

  it('refuses random bytes, an HTML page and an empty file as "not an image"', async () => {
    let seed = 7;
    const random = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) & 0xff);
    await rejects(random, /^not an image/);
    await rejects(Buffer.from('<!doctype html><html><body><svg width="10" height="10"></svg><img src="a.jpg"></body></html>'), /^not an image/);
    await rejects(new Uint8Array(0), /^not an image/);
    expect(sniffFormat(Buffer.from('<html>'))).toBeUndefined();
  });

  it('refuses truncated JPEG and PNG files', async () => {
    const jpeg = await sharp(await scenePng(2)).jpeg().toBuffer();
    await rejects(jpeg.subarray(0, Math.floor(jpeg.length / 2)), /^truncated or corrupt image/);
    const png = await scenePng(2);
    await rejects(png.subarray(0, Math.floor(png.length / 2)), /^truncated or corrupt image/);
  });

  it('refuses a decompression bomb from its header, before decoding', async () => {
    // A bomb's whole trick is a huge size declared by a tiny file; the header alone must sink it.
    const bomb = pngDeclaring(30000, 30000, deflateSync(Buffer.alloc(30001 * 64)));
    expect(bomb.length).toBeLessThan(10_000);
    await rejects(bomb, /^image too large: 30000×30000/);
  });

  it('refuses a file over the byte limit', async () => {
    await rejects(await scenePng(3), /^file too large/, { maxBytes: 1024 });
  });

  it('converts CMYK JPEG, 16-bit PNG and grey+alpha PNG to 8-bit sRGB', async () => {
    const red = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 220, g: 30, b: 30 } } });
    const cmyk = await decodeImage(await red.clone().toColourspace('cmyk').jpeg().toBuffer());
    expect(cmyk.data.length).toBe(64 * 48 * 3);
    const [r, g, b] = pixelAt(cmyk, 10, 10);
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(100);
    expect(b).toBeLessThan(100);

    const deep = await red.clone().toColourspace('rgb16').png().toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    const img16 = await decodeImage(deep);
    const [r16, g16, b16] = pixelAt(img16, 5, 5);
    expect(Math.abs(r16! - 220) + Math.abs(g16! - 30) + Math.abs(b16! - 30)).toBeLessThan(6);

    const greyAlpha = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } })
      .greyscale()
      .png()
      .toBuffer();
    const flattened = await decodeImage(greyAlpha);
    // Half-transparent black on white.
    expect(pixelAt(flattened, 3, 3)[0]).toBeGreaterThan(110);
    expect(pixelAt(flattened, 3, 3)[0]).toBeLessThan(145);
  });

  it('flattens sRGB alpha, expands greyscale JPEG and honours an ICC profile (each step only when the header asks)', async () => {
    const halfRed = await sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer();
    const flat = await decodeImage(halfRed);
    expect(flat.data.length).toBe(20 * 20 * 3);
    const [fr, fg, fb] = pixelAt(flat, 5, 5);
    expect(fr).toBeGreaterThan(245);
    expect(Math.abs(fg! - 128)).toBeLessThan(12);
    expect(Math.abs(fb! - 128)).toBeLessThan(12);

    const greyJpeg = await sharp({ create: { width: 30, height: 20, channels: 3, background: { r: 90, g: 90, b: 90 } } }).toColourspace('b-w').jpeg().toBuffer();
    expect((await sharp(greyJpeg).metadata()).channels).toBe(1);
    const grey = await decodeImage(greyJpeg);
    expect(grey.data.length).toBe(30 * 20 * 3);
    const [gr, gg, gb] = pixelAt(grey, 4, 4);
    expect(gr).toBe(gg);
    expect(gg).toBe(gb);

    const colour = { r: 200, g: 100, b: 50 };
    const p3 = await sharp({ create: { width: 16, height: 16, channels: 3, background: colour } }).withIccProfile('p3').jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(p3).metadata()).hasProfile).toBe(true);
    const [pr, pg, pb] = pixelAt(await decodeImage(p3), 8, 8);
    expect(Math.abs(pr! - colour.r) + Math.abs(pg! - colour.g) + Math.abs(pb! - colour.b)).toBeLessThan(12);
  });

  it('applies EXIF orientation', async () => {
    const wide = await sharp(await scenePng(4, 200, 100)).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const img = await decodeImage(wide);
    expect([img.width, img.height]).toEqual([100, 200]);
    expect([img.originalWidth, img.originalHeight]).toEqual([100, 200]);
  });

  it('takes the first frame of an animated GIF and decodes WebP', async () => {
    const red = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#ff0000' } }).png().toBuffer();
    const blue = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#0000ff' } }).png().toBuffer();
    const gif = await sharp([red, blue], { join: { animated: true } }).gif().toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const first = await decodeImage(gif);
    expect([first.width, first.height, first.format]).toEqual([50, 40, 'gif']);
    expect(pixelAt(first, 10, 10)[0]).toBeGreaterThan(200);
    expect(pixelAt(first, 10, 10)[2]).toBeLessThan(50);

    const webp = await decodeImage(await sharp(await scenePng(5)).webp().toBuffer());
    expect([webp.width, webp.height, webp.format]).toEqual([640, 480, 'webp']);
  });

  it('downscales to maxSide, keeping the aspect ratio', async () => {
    const img = await decodeImage(await scenePng(6, 2000, 1000), { maxSide: 500 });
    expect([img.width, img.height, img.originalWidth]).toEqual([500, 250, 2000]);
  });

  it('decodes a blank image (its hash quality, not the decoder, says it is useless)', async () => {
    const blank = await decodeImage(await sharp({ create: { width: 300, height: 200, channels: 3, background: '#ffffff' } }).png().toBuffer());
    expect(blank.data.every((v) => v === 255)).toBe(true);
  });
});
