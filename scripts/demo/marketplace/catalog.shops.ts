import type { Category, Shop } from './catalog.types.ts';

/** Demo sellers; any likeness to a real shop name is accidental. */
export const shops: Shop[] = [
  { slug: 'tranh-viet-decor', name: 'Tranh Việt Decor', location: 'Hà Nội', joined: '2019', rating: 4.8, phone: '0912.345.678', address: 'Số 5 phố Hàng Bông, phường Hoàn Kiếm, Hà Nội' },
  { slug: 'gom-su-kinh-bac', name: 'Gốm Sứ Kinh Bắc Store', location: 'Bắc Ninh', joined: '2021', rating: 4.7, phone: '0222 3812 345', address: 'Thôn Phù Lãng, xã Phù Lãng, Bắc Ninh' },
  { slug: 'dac-san-que-minh', name: 'Đặc Sản Quê Mình', location: 'Bắc Ninh', joined: '2020', rating: 4.9 },
  { slug: 'nhac-cu-an-nhien', name: 'Nhạc Cụ An Nhiên', location: 'TP. Hồ Chí Minh', joined: '2018', rating: 4.6 },
  { slug: 'me-bap-shop', name: 'Mẹ Bắp Shop', location: 'Hải Phòng', joined: '2022', rating: 4.5 },
  { slug: 'linh-chi-fashion', name: 'Linh Chi Fashion', location: 'Đà Nẵng', joined: '2017', rating: 4.4 },
  { slug: 'qua-tet-online-247', name: 'Quà Tết Online 247', location: 'Hà Nội', joined: '2023', rating: 4.2, phone: '+84 912 345 678' },
];

export const categories: Category[] = [
  { slug: 'tranh-trang-tri', name: 'Tranh & Đồ trang trí' },
  { slug: 'gom-su-gia-dung', name: 'Gốm sứ & Gia dụng' },
  { slug: 'do-go-nhac-cu', name: 'Đồ gỗ & Nhạc cụ' },
  { slug: 'dac-san-ocop', name: 'Đặc sản & OCOP' },
  { slug: 'sach-qua-tang', name: 'Sách & Quà tặng' },
  { slug: 'thoi-trang', name: 'Thời trang & Phụ kiện' },
  { slug: 'do-choi-me-be', name: 'Đồ chơi & Mẹ bé' },
];

export function shopBySlug(slug: string): Shop {
  const shop = shops.find((s) => s.slug === slug);
  if (!shop) throw new Error(`unknown shop ${slug}`);
  return shop;
}

export function categoryBySlug(slug: string): Category | undefined {
  return categories.find((c) => c.slug === slug);
}
