import sharp from 'sharp';
import { listings } from './catalog.ts';
import { shopBySlug } from './catalog.shops.ts';
import { formatPrice } from './catalog.text.ts';
import { editedWorkImage, readInnocentImage } from './images.ts';
import { imageHash } from './pages.ts';

/** Every image the demo shop serves, keyed by the opaque name in its URL; built once at start. */

/** What a misconfigured CDN returns for a picture: an HTML error page labelled image/jpeg. */
const HTML_AS_IMAGE = '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>cdn-edge-07</p></body></html>';

export interface ImageStore {
  /** `name` is `<hash>.jpg` or `<hash>_tn.jpg`; undefined means 404. */
  get(name: string): Promise<Buffer | string | undefined>;
}

export async function buildImageStore(): Promise<ImageStore> {
  const full = new Map<string, Buffer | string>();
  const jobs: Promise<void>[] = [];
  for (const l of listings) {
    const ctx = { shopName: shopBySlug(l.shop).name, priceText: formatPrice(l.price, l.priceStyle) };
    l.images.forEach((img, i) => {
      const hash = imageHash(l.id, i);
      if ('broken' in img) {
        if (img.broken === 'html') full.set(hash, HTML_AS_IMAGE);
        return; // 'missing': the URL is linked but nothing is stored under it
      }
      jobs.push(
        ('work' in img ? editedWorkImage(img.work, img.edits, ctx) : readInnocentImage(img.innocent)).then((data) => {
          if (!data) throw new Error(`demo image missing: ${JSON.stringify(img)}`);
          full.set(hash, data);
        }),
      );
    });
  }
  await Promise.all(jobs);
  const thumbs = new Map<string, Promise<Buffer | string>>();
  return {
    async get(name) {
      const m = /^([0-9a-f]{24})(_tn)?\.jpg$/.exec(name);
      const data = m ? full.get(m[1]!) : undefined;
      if (data === undefined || !m?.[2] || typeof data === 'string') return data;
      let thumb = thumbs.get(m[1]!);
      if (!thumb) {
        thumb = sharp(data).resize(300, 300, { fit: 'contain', background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer();
        thumbs.set(m[1]!, thumb);
      }
      return thumb;
    },
  };
}
