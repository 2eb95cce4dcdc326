import sharp from 'sharp';

/** A product shot: smooth gradients and a soft disc, no text. */
const PHOTO_SVG = (w: number, h: number, extra = '') => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
  <defs><radialGradient id="g"><stop offset="0" stop-color="#c96"/><stop offset="1" stop-color="#335"/></radialGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/><circle cx="${w / 2}" cy="${h / 2}" r="${h / 3}" fill="#a63" opacity="0.6"/>${extra}</svg>`;

/** The same photo with a printed label carrying a word mark (Noto Sans from fonts-noto-core). */
export async function labelledPhoto(mark: string): Promise<Buffer> {
  const label = `<rect x="60" y="420" width="680" height="110" rx="10" fill="#f6f1e7"/>
    <text x="90" y="494" font-family="Noto Sans" font-size="52" fill="#222">${mark}</text>`;
  return sharp(Buffer.from(PHOTO_SVG(800, 600, label))).jpeg({ quality: 88 }).toBuffer();
}

export async function plainPhoto(): Promise<Buffer> {
  return sharp(Buffer.from(PHOTO_SVG(800, 600))).jpeg({ quality: 88 }).toBuffer();
}
