import { index, integer, primaryKey, text } from 'drizzle-orm/pg-core';
import { apiSchema } from '../api.schema.ts';

export const sellerKeyKinds = ['shop', 'phone', 'bank', 'name'] as const;
export type SellerKeyKind = (typeof sellerKeyKinds)[number];

/**
 * What identifies the seller behind a listing (seller.keys.ts): its shop URL, phone numbers, bank
 * accounts and folded name. Listings sharing a key are linked to one seller across platforms. Rebuilt
 * for a listing whenever its content hash differs from `content_hash` here.
 */
export const sellerKeys = apiSchema.table(
  'seller_keys',
  {
    listingId: integer('listing_id').notNull(),
    kind: text('kind').$type<SellerKeyKind>().notNull(),
    value: text('value').notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.kind, t.value] }), index('seller_keys_value_idx').on(t.kind, t.value)],
);

/** One row per indexed listing, also for listings without any key, so they are not re-read each time. */
export const sellerIndexed = apiSchema.table('seller_indexed', {
  listingId: integer('listing_id').primaryKey(),
  contentHash: text('content_hash').notNull(),
});

export type SellerKey = typeof sellerKeys.$inferSelect;
