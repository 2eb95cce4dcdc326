import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { demoWork } from '../registry/demo-registry.ts';
import type { ImageEdit } from './catalog.types.ts';

/** Image files of the demo marketplace: innocent assets read from disk, infringing copies made with sharp. */

const innocentDir = new URL('../assets/innocent/', import.meta.url);

export async function readInnocentImage(name: string): Promise<Buffer | undefined> {
  if (!/^[a-z0-9-]+$/.test(name)) return undefined;
  try {
    return await readFile(fileURLToPath(new URL(`${name}.jpg`, innocentDir)));
  } catch {
    return undefined;
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A shop's name across the picture, as sellers stamp images they did not make. */
function watermarkSvg(width: number, height: number, label: string): Buffer {
  const size = Math.max(16, Math.round(Math.min(width, height) / 12));
  const text = escapeXml(label.toUpperCase());
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <g transform="rotate(-28 ${width / 2} ${height / 2})" font-family="DejaVu Sans" font-weight="bold" font-size="${size}" text-anchor="middle">
        <text x="${width / 2}" y="${height / 2}" fill="#ffffff" fill-opacity="0.55" stroke="#333333" stroke-opacity="0.45" stroke-width="1.5">${text}</text>
      </g>
      <text x="${width - 10}" y="${height - 10}" font-family="DejaVu Sans" font-size="${Math.round(size * 0.55)}" text-anchor="end" fill="#ee4d2d" fill-opacity="0.8">${text}</text>
    </svg>`,
  );
}

/** The white square product card marketplaces favour: picture at ~70 %, a badge and a price line. */
function cardSvg(label: string, priceText: string): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1000">
      <rect x="0" y="0" width="1000" height="1000" fill="none" stroke="#ee4d2d" stroke-width="14"/>
      <rect x="30" y="30" width="230" height="56" rx="8" fill="#ee4d2d"/>
      <text x="145" y="69" font-family="DejaVu Sans" font-weight="bold" font-size="28" fill="#fff" text-anchor="middle">CHÍNH HÃNG</text>
      <rect x="0" y="860" width="1000" height="140" fill="#fff3ef"/>
      <text x="40" y="945" font-family="DejaVu Sans" font-weight="bold" font-size="64" fill="#ee4d2d">${escapeXml(priceText)}</text>
      <text x="960" y="940" font-family="DejaVu Sans" font-size="30" fill="#555" text-anchor="end">${escapeXml(label)}</text>
    </svg>`,
  );
}

export interface EditContext {
  shopName: string;
  priceText: string;
}

/** Applies the edits in a fixed order, so the same listing always yields the same bytes. */
export async function editedWorkImage(workKey: string, edits: ImageEdit[], ctx: EditContext): Promise<Buffer> {
  const has = (e: ImageEdit) => edits.includes(e);
  let img = sharp(demoWork(workKey).imageFile);
  if (has('mirror')) img = img.flop();
  let { data, info } = await img.toBuffer({ resolveWithObject: true });
  if (has('crop80')) {
    // Off-centre, as a seller trims a picture: more is lost on the left and top than on the right and bottom.
    const w = Math.round(info.width * 0.8), h = Math.round(info.height * 0.8);
    ({ data, info } = await sharp(data).extract({ left: Math.round(info.width * 0.13), top: Math.round(info.height * 0.12), width: w, height: h }).toBuffer({ resolveWithObject: true }));
  }
  if (has('resize')) ({ data, info } = await sharp(data).resize({ width: Math.round(info.width * 0.7) }).toBuffer({ resolveWithObject: true }));
  if (has('brightness')) ({ data, info } = await sharp(data).modulate({ brightness: 1.12 }).linear(1.05, -4).toBuffer({ resolveWithObject: true }));
  if (has('watermark')) ({ data, info } = await sharp(data).composite([{ input: watermarkSvg(info.width, info.height, ctx.shopName) }]).toBuffer({ resolveWithObject: true }));
  if (has('card')) {
    const inner = await sharp(data).resize(700, 700, { fit: 'inside' }).toBuffer({ resolveWithObject: true });
    data = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: '#ffffff' } })
      .composite([
        { input: inner.data, left: Math.round((1000 - inner.info.width) / 2), top: Math.round(110 + (740 - inner.info.height) / 2) },
        { input: cardSvg(ctx.shopName, ctx.priceText), left: 0, top: 0 },
      ])
      .png() // a created canvas would otherwise come out as raw pixels
      .toBuffer();
  }
  return sharp(data).flatten({ background: '#ffffff' }).jpeg({ quality: has('jpeg') ? 55 : 86 }).toBuffer();
}
