import { parsePrice, type ParsedPrice } from './price.parse.ts';

/** A product-like object found somewhere in a page's embedded state or in a JSON response it fetched. */
export interface StateProduct {
  title: string;
  description: string | undefined;
  price: ParsedPrice | undefined;
  images: string[];
  sellerName: string | undefined;
  sellerUrl: string | undefined;
  /** As the state has them (normalised later by seller.contact.ts). */
  sellerPhone?: string | undefined;
  sellerAddress?: string | undefined;
  externalId: string | undefined;
  score: number;
  path: string;
}

const TITLE_KEYS = ['name', 'title', 'subject', 'product_name', 'productName', 'item_name', 'itemName', 'productTitle'];
const PRICE_KEYS = ['price', 'salePrice', 'sale_price', 'final_price', 'finalPrice', 'current_price', 'currentPrice', 'price_min', 'priceMin', 'min_price', 'price_decimal', 'sale_price_decimal', 'priceShow', 'list_price', 'listPrice', 'originalPrice', 'original_price', 'amount', 'value'];
const DESCRIPTION_KEYS = ['description', 'short_description', 'shortDescription', 'body', 'desc', 'content', 'detail', 'product_description'];
const IMAGE_KEYS = ['images', 'image', 'imageUrl', 'image_url', 'imageUrls', 'image_urls', 'thumbnail', 'thumbnail_url', 'thumbnailUrl', 'gallery', 'photos', 'pictures', 'img', 'cover'];
const ID_KEYS = ['itemid', 'itemId', 'item_id', 'product_id', 'productId', 'list_id', 'ad_id', 'sku', 'id'];
const SELLER_KEYS = ['seller', 'shop', 'store', 'vendor', 'shop_detailed', 'current_seller', 'account_name', 'shop_name', 'seller_name', 'sellerName', 'shopName'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function firstString(obj: Json, keys: string[], min = 1, max = 100_000): string | undefined {
  for (const key of keys) {
    const value = obj[key];
    if (typeof value === 'string' && value.trim().length >= min && value.length <= max) return value.trim();
  }
  return undefined;
}

/** Prices nest ("price": {"value": 1}), arrive as strings or as Shopee's ×100000 integers. */
function readPrice(obj: Json, scaled: boolean, depth = 0): ParsedPrice | undefined {
  for (const key of PRICE_KEYS) {
    const value = obj[key];
    if (value === null || value === undefined || value === -1 || value === '') continue;
    // "amount"/"value" only mean a price inside a price object, not on the product itself.
    if (depth === 0 && (key === 'amount' || key === 'value')) continue;
    if (isObject(value) && depth < 2) {
      const nested = readPrice(value, scaled, depth + 1);
      if (nested) return nested;
      continue;
    }
    const parsed = parsePrice(typeof value === 'number' || typeof value === 'string' ? value : undefined);
    if (parsed && parsed.amount > 0) {
      const currency = parsed.currency ?? firstString(obj, ['currency', 'priceCurrency', 'currency_code']);
      const amount = scaled && typeof value === 'number' && value % 100_000 === 0 ? value / 100_000 : parsed.amount;
      return { amount, currency };
    }
  }
  return undefined;
}

function readImages(obj: Json): string[] {
  const out: string[] = [];
  const push = (v: unknown) => {
    if (typeof v === 'string' && /^(https?:)?\/\/|^\/[^/]/i.test(v.trim())) out.push(v.trim());
    else if (isObject(v)) push(v.url ?? v.src ?? v.uri ?? v.large ?? v.original ?? v.base_url);
  };
  for (const key of IMAGE_KEYS) {
    const value = obj[key];
    if (Array.isArray(value)) value.slice(0, 30).forEach(push);
    else push(value);
  }
  return out;
}

function readSeller(obj: Json): { name?: string; url?: string; phone?: string; address?: string } {
  for (const key of SELLER_KEYS) {
    const value = obj[key];
    if (typeof value === 'string' && value.trim() && value.length < 200) return { name: value.trim() };
    if (isObject(value)) {
      const name = firstString(value, ['name', 'shop_name', 'shopName', 'seller_name', 'sellerName', 'username', 'title'], 1, 200);
      const url = firstString(value, ['url', 'link', 'shop_url', 'shopUrl', 'href']);
      const phone = firstString(value, ['phone', 'telephone', 'hotline', 'phone_number', 'phoneNumber', 'mobile'], 6, 30);
      const address = firstString(value, ['address', 'shop_location', 'shopLocation', 'location', 'full_address'], 3, 200);
      if (name) return { name, ...(url ? { url } : {}), ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
    }
  }
  return {};
}

function readId(obj: Json): string | undefined {
  for (const key of ID_KEYS) {
    const value = obj[key];
    if ((typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /^[\w.-]{1,64}$/.test(value))) return String(value);
  }
  return undefined;
}

/** Scores every object of a JSON tree as a product candidate; bounded so a huge state cannot stall a crawl. */
export function productCandidates(root: unknown, options: { scaledPrices?: boolean } = {}): StateProduct[] {
  const found: StateProduct[] = [];
  let visited = 0;
  const walk = (node: unknown, path: string, depth: number) => {
    if (visited++ > 200_000 || depth > 25) return;
    if (Array.isArray(node)) {
      node.slice(0, 500).forEach((child, i) => walk(child, `${path}[${i}]`, depth + 1));
      return;
    }
    if (!isObject(node)) return;
    const title = firstString(node, TITLE_KEYS, 3, 400);
    const price = title ? readPrice(node, options.scaledPrices ?? false) : undefined;
    if (title && price) {
      const description = firstString(node, DESCRIPTION_KEYS, 1);
      const images = readImages(node);
      const seller = readSeller(node);
      let score = 4 + (images.length ? 1 : 0) + (seller.name ? 0.5 : 0);
      if (description && description.length > 40) score += 2;
      found.push({
        title,
        description,
        price,
        images,
        sellerName: seller.name,
        sellerUrl: seller.url,
        sellerPhone: seller.phone,
        sellerAddress: seller.address,
        externalId: readId(node),
        score,
        path,
      });
    }
    for (const [key, child] of Object.entries(node)) if (typeof child === 'object' && child) walk(child, `${path}.${key}`, depth + 1);
  };
  walk(root, '$', 0);
  return found;
}

/** Distinct product titles in a tree: several of them without a detailed one means a category page. */
export function distinctTitles(candidates: StateProduct[]): number {
  return new Set(candidates.map((c) => c.title.toLowerCase())).size;
}
