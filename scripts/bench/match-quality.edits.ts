import sharp, { type Sharp, type SharpOptions } from 'sharp';

/**
 * The edits a re-seller makes to a picture (DESIGN.md §4), made with sharp the way a shop's tooling
 * would. Crop positions come from a seeded random source, not the centre: the registered side hashes
 * centred and corner crops, and a benchmark that only cropped there would flatter it.
 */

export interface EditContext {
  width: number;
  height: number;
  random: () => number;
}

export interface Edit {
  name: string;
  apply(jpeg: Buffer, ctx: EditContext): Promise<Buffer>;
}

const out = (image: Sharp, quality = 90) => image.jpeg({ quality }).toBuffer();

function cropEdit(fraction: number): Edit {
  return {
    name: `crop ${Math.round(fraction * 100)} %`,
    apply(jpeg, { width, height, random }) {
      const w = Math.round(width * fraction);
      const h = Math.round(height * fraction);
      return out(sharp(jpeg).extract({ left: Math.floor(random() * (width - w)), top: Math.floor(random() * (height - h)), width: w, height: h }));
    },
  };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function watermarkSvg(width: number, height: number): Buffer {
  const size = Math.round(Math.min(width, height) / 9);
  const text = escapeXml('© shop-ban-le.vn');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <text x="50%" y="50%" text-anchor="middle" dominant-baseline="middle" font-family="sans-serif" font-weight="bold"
    font-size="${size}" fill="white" fill-opacity="0.55" stroke="black" stroke-opacity="0.35" stroke-width="2"
    transform="rotate(-30 ${width / 2} ${height / 2})">${text}</text>
  <text x="${width - 12}" y="${height - 14}" text-anchor="end" font-family="sans-serif" font-size="${Math.round(size / 2.5)}" fill="white" fill-opacity="0.8">Zalo 0912 345 678</text>
</svg>`);
}

/** A marketplace card: the picture at 70 % of a 1000×1000 white square, a price and a shop line under it. */
async function productCard(jpeg: Buffer): Promise<Buffer> {
  const side = 1000;
  const { data: photo, info } = await sharp(jpeg).resize({ width: 700, height: 700, fit: 'inside' }).toBuffer({ resolveWithObject: true });
  const top = 60;
  const text = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}">
    <text x="150" y="${top + info.height + 90}" font-size="60" font-family="sans-serif" font-weight="bold" fill="#ee4d2d">₫129.000</text>
    <text x="150" y="${top + info.height + 150}" font-size="34" font-family="sans-serif" fill="#555">Freeship · Shop Quà Tặng Bắc Ninh</text>
  </svg>`);
  return out(
    sharp({ create: { width: side, height: side, channels: 3, background: '#ffffff' } }).composite([
      { input: photo, left: Math.round((side - info.width) / 2), top },
      { input: text, left: 0, top: 0 },
    ]),
  );
}

export const EDITS: Edit[] = [
  { name: 'resize 50 %', apply: (jpeg, { width }) => out(sharp(jpeg).resize({ width: Math.round(width / 2) })) },
  { name: 'JPEG q30', apply: (jpeg) => out(sharp(jpeg), 30) },
  cropEdit(0.8),
  cropEdit(0.6),
  { name: 'mirror', apply: (jpeg) => out(sharp(jpeg).flop()) },
  { name: 'rotate 5°', apply: (jpeg) => out(sharp(jpeg).rotate(5, { background: '#ffffff' })) },
  // Brighter by 15 %, contrast ×1.25 around mid-grey.
  { name: 'brightness/contrast', apply: (jpeg) => out(sharp(jpeg).modulate({ brightness: 1.15 }).linear(1.25, -32)) },
  { name: 'grayscale', apply: (jpeg) => out(sharp(jpeg).greyscale()) },
  { name: 'text watermark', apply: (jpeg, { width, height }) => out(sharp(jpeg).composite([{ input: watermarkSvg(width, height) }])) },
  { name: 'product card', apply: (jpeg) => productCard(jpeg) },
  {
    // A copy saved from a thumbnail and blown up again: the usual "blur" of re-posted pictures.
    name: 'blur (¼ down, up)',
    apply: async (jpeg, { width, height }) => {
      const small = await sharp(jpeg).resize({ width: Math.max(8, Math.round(width / 4)) }).png().toBuffer();
      return out(sharp(small).resize({ width, height, fit: 'fill' }));
    },
  },
  {
    name: 'coloured border',
    apply: (jpeg, { width }) => {
      const b = Math.round(width * 0.06);
      return out(sharp(jpeg).extend({ top: b, bottom: b, left: b, right: b, background: '#c0392b' }));
    },
  },
];
