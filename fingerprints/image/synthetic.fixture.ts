import sharp from 'sharp';

/**
 * Synthetic test pictures drawn with SVG (gradients, turbulence texture, shapes, text): varied and
 * detailed enough for PDQ's quality to pass, reproducible from a seed, and free of any licence.
 */

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s ^= s >>> 13;
    return (s >>> 0) / 0x100000000;
  };
}

export function sceneSvg(seed: number, width = 640, height = 480): string {
  const r = rng(seed);
  const colour = () => `hsl(${Math.floor(r() * 360)},${40 + Math.floor(r() * 50)}%,${25 + Math.floor(r() * 50)}%)`;
  const shapes: string[] = [];
  for (let i = 0; i < 22; i++) {
    const x = r() * width;
    const y = r() * height;
    const s = (0.05 + r() * 0.25) * Math.min(width, height);
    const kind = Math.floor(r() * 3);
    if (kind === 0) shapes.push(`<circle cx="${x}" cy="${y}" r="${s / 2}" fill="${colour()}" opacity="0.85"/>`);
    else if (kind === 1) shapes.push(`<rect x="${x}" y="${y}" width="${s}" height="${s * (0.5 + r())}" fill="${colour()}" transform="rotate(${Math.floor(r() * 90)} ${x} ${y})"/>`);
    else shapes.push(`<polygon points="${x},${y} ${x + s},${y + s / 3} ${x + s / 4},${y + s}" fill="${colour()}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="${r().toFixed(2)}" y2="1"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient>
    <filter id="tex"><feTurbulence type="fractalNoise" baseFrequency="${(0.01 + r() * 0.03).toFixed(3)}" numOctaves="3" seed="${seed}"/><feColorMatrix type="saturate" values="0.3"/><feComponentTransfer><feFuncA type="linear" slope="0.6"/></feComponentTransfer></filter>
  </defs>
  <rect width="100%" height="100%" fill="url(#bg)"/>
  <rect width="100%" height="100%" filter="url(#tex)"/>
  ${shapes.join('\n  ')}
  <text x="${width * 0.08}" y="${height * 0.9}" font-size="${Math.round(height / 12)}" font-family="sans-serif" fill="${colour()}">Tranh Đông Hồ ${seed}</text>
</svg>`;
}

/** A PNG scene; each seed gives a different picture. */
export async function scenePng(seed: number, width = 640, height = 480): Promise<Buffer> {
  return sharp(Buffer.from(sceneSvg(seed, width, height))).flatten({ background: '#ffffff' }).png().toBuffer();
}

/** The picture placed on a white product card with a price and a shop name beside it. */
export async function productCard(picture: Buffer, cardWidth = 900, cardHeight = 1100): Promise<Buffer> {
  const meta = await sharp(picture).metadata();
  const w = Math.round(cardWidth * 0.8);
  const h = Math.round(((meta.height ?? 1) / (meta.width ?? 1)) * w);
  const photo = await sharp(picture).resize(w, h).toBuffer();
  const text = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${cardWidth}" height="${cardHeight}">
    <text x="60" y="${h + 170}" font-size="56" font-family="sans-serif" fill="#d0011b">₫129.000</text>
    <text x="60" y="${h + 240}" font-size="34" font-family="sans-serif" fill="#333">Shop Gốm Phù Lãng · Freeship</text>
  </svg>`);
  return sharp({ create: { width: cardWidth, height: cardHeight, channels: 3, background: '#ffffff' } })
    .composite([
      { input: photo, left: Math.round((cardWidth - w) / 2), top: 60 },
      { input: text, left: 0, top: 0 },
    ])
    .png()
    .toBuffer();
}
