import sharp from 'sharp';

/** A folk-painting-like picture (paper ground, bold shapes, a caption) drawn as SVG and rasterised. */
export function workSvg(width = 480, height = 360): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 480 360">
  <rect width="480" height="360" fill="#f3e3c3"/>
  <rect x="12" y="12" width="456" height="336" fill="none" stroke="#8a1c1c" stroke-width="6"/>
  <circle cx="360" cy="90" r="46" fill="#d9412b"/>
  <path d="M40 300 C 120 180, 200 260, 260 170 S 400 120, 440 300 Z" fill="#2f6b3a"/>
  <ellipse cx="170" cy="210" rx="70" ry="38" fill="#5a4a3a"/>
  <circle cx="232" cy="196" r="22" fill="#5a4a3a"/>
  <circle cx="240" cy="190" r="4" fill="#fff"/>
  <path d="M100 215 Q 60 240 40 200" stroke="#5a4a3a" stroke-width="6" fill="none"/>
  <rect x="300" y="200" width="110" height="70" rx="8" fill="#e0a526"/>
  <text x="240" y="335" font-family="serif" font-size="26" text-anchor="middle" fill="#3b2a1a">Đám cưới chuột</text>
</svg>`;
}

export async function workPng(): Promise<Buffer> {
  return sharp(Buffer.from(workSvg())).png().toBuffer();
}

/** The same picture on a white product card with a price, as marketplaces show it. */
export async function productCardJpeg(): Promise<Buffer> {
  const art = await sharp(Buffer.from(workSvg(360, 270))).png().toBuffer();
  const card = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480">
  <rect width="480" height="480" fill="#ffffff"/>
  <rect x="0" y="400" width="480" height="80" fill="#ee4d2d"/>
  <text x="24" y="452" font-family="sans-serif" font-size="34" font-weight="bold" fill="#fff">125.000đ</text>
  <text x="300" y="452" font-family="sans-serif" font-size="22" fill="#fff">Freeship</text>
</svg>`;
  return sharp(Buffer.from(card)).composite([{ input: art, left: 60, top: 70 }]).jpeg({ quality: 85 }).toBuffer();
}

/** A tall "full-page screenshot" of a marketplace page. */
export async function screenshotPng(): Promise<Buffer> {
  const art = await sharp(Buffer.from(workSvg(400, 300))).png().toBuffer();
  const page = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1500">
  <rect width="1000" height="1500" fill="#f5f5f5"/>
  <rect width="1000" height="90" fill="#ee4d2d"/>
  <text x="40" y="58" font-family="sans-serif" font-size="34" font-weight="bold" fill="#fff">Chợ Demo</text>
  <rect x="40" y="130" width="920" height="480" fill="#fff"/>
  <text x="500" y="200" font-family="sans-serif" font-size="30" fill="#222">Tranh Đông Hồ Đám cưới chuột in canvas</text>
  <text x="500" y="260" font-family="sans-serif" font-size="36" fill="#ee4d2d">125.000 ₫</text>
  <rect x="40" y="650" width="920" height="800" fill="#fff"/>
  ${Array.from({ length: 12 }, (_, i) => `<rect x="80" y="${690 + i * 60}" width="${820 - (i % 3) * 120}" height="18" fill="#ddd"/>`).join('')}
</svg>`;
  return sharp(Buffer.from(page)).composite([{ input: art, left: 60, top: 170 }]).png().toBuffer();
}
