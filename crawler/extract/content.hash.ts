import { createHash } from 'node:crypto';

export interface HashedFields {
  title: string;
  description: string | undefined;
  priceVnd: number | undefined;
  currency: string | undefined;
  sellerName: string | undefined;
  sellerUrl: string | undefined;
  images: string[];
}

/** SHA-256 of the extracted fields in a fixed order: equal content gives an equal hash on every crawl. */
export function contentHash(fields: HashedFields): string {
  const canonical = JSON.stringify([
    fields.title,
    fields.description ?? null,
    fields.priceVnd ?? null,
    fields.currency ?? null,
    fields.sellerName ?? null,
    fields.sellerUrl ?? null,
    fields.images,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
