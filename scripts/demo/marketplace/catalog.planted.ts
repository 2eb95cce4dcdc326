import { demoWork } from '../registry/demo-registry.ts';
import { fold, longDescription, reorderSentences } from './catalog.text.ts';
import type { ListingSpec } from './catalog.types.ts';

/** Listings that copy a demo work: what ipwatch must turn into findings. Edits mirror DESIGN.md §4. */

const textOf = (key: string): string => demoWork(key).text ?? '';

export const plantedListings: ListingSpec[] = [
  {
    title: 'Tranh Đông Hồ Đám cưới chuột khổ lớn treo tường phòng khách',
    price: 185000, priceStyle: 'symbol', category: 'tranh-trang-tri', shop: 'tranh-viet-decor', sold: 1240, jsonLd: true,
    images: [{ work: 'dong-ho-dam-cuoi-chuot', edits: ['crop80', 'resize', 'brightness', 'watermark', 'card'] }],
    description:
      'Tranh dân gian Đông Hồ Đám cưới chuột in trên giấy điệp, khổ 40×30 cm, tặng kèm khung gỗ.\n' +
      `Bài thơ trên tranh:\n${fold(textOf('dong-ho-dam-cuoi-chuot'))}\n` +
      'Thích hợp làm quà tặng bạn bè nước ngoài, trang trí quán cà phê, nhà hàng phong cách Việt.',
    infringes: ['dong-ho-dam-cuoi-chuot'], textEdits: ['text-folded'],
  },
  {
    title: 'Tranh dong ho dam cuoi chuot gia re in dep',
    price: 45000, priceStyle: 'suffix', category: 'tranh-trang-tri', shop: 'qua-tet-online-247', sold: 312,
    images: [{ work: 'dong-ho-dam-cuoi-chuot', edits: ['mirror', 'resize', 'jpeg'] }],
    description: 'Tranh in giay couche dep, mau sac tuoi, giao nhanh 2h noi thanh. Nhan in theo yeu cau moi kich thuoc.',
    infringes: ['dong-ho-dam-cuoi-chuot'], textEdits: ['title-copied'],
  },
  {
    title: 'Tranh Lợn Đàn Đông Hồ in giấy điệp - quà Tết ý nghĩa',
    price: 95000, priceStyle: 'word', category: 'tranh-trang-tri', shop: 'tranh-viet-decor', sold: 860,
    images: [{ work: 'dong-ho-lon-dan', edits: ['crop80', 'brightness'] }],
    description: `${reorderSentences(textOf('dong-ho-lon-dan'))}\nKích thước 35×25 cm, đóng ống giấy cứng chống móp.`,
    infringes: ['dong-ho-lon-dan'], textEdits: ['text-reordered'],
  },
  {
    title: 'Tranh cá chép trông trăng - Lý ngư vọng nguyệt, tranh phong thủy',
    price: 1250000, priceStyle: 'suffix', category: 'tranh-trang-tri', shop: 'tranh-viet-decor', sold: 57, jsonLd: true,
    images: [{ work: 'dong-ho-ly-ngu-vong-nguyet', edits: ['watermark', 'card'] }, { innocent: 'anh-phong-khach' }],
    description: 'Tranh phong thủy cá chép hóa rồng, mang lại may mắn, thăng tiến. In UV trên gỗ MDF, khổ 60×90 cm, bảo hành màu 5 năm.',
    infringes: ['dong-ho-ly-ngu-vong-nguyet'], textEdits: ['title-copied'],
  },
  {
    title: 'Tranh canvas thiếu nữ tóc dài cài trâm - decor quán cà phê',
    price: 320000, priceStyle: 'symbol', category: 'tranh-trang-tri', shop: 'tranh-viet-decor', sold: 143,
    images: [{ work: 'thieu-nu-kinh-bac', edits: ['resize', 'crop80', 'jpeg'] }],
    description: 'Tranh canvas căng khung sẵn, có móc treo. Kích thước 50×50 cm hoặc 70×70 cm, in mực dầu sắc nét không phai.',
    infringes: ['thieu-nu-kinh-bac'],
  },
  {
    title: 'Bát gốm men da lươn Phù Lãng đắp nổi hoa văn',
    price: 210000, priceStyle: 'symbol', category: 'gom-su-gia-dung', shop: 'gom-su-kinh-bac', sold: 421, jsonLd: true,
    images: [{ work: 'gom-phu-lang-bat-hoa-van', edits: ['brightness', 'card'] }],
    description: `Hàng chuẩn làng nghề.\n${fold(textOf('gom-phu-lang-bat-hoa-van'))}\nĐường kính 18 cm, cao 9 cm.`,
    infringes: ['gom-phu-lang-bat-hoa-van'], textEdits: ['text-folded'],
  },
  {
    title: 'Trống gỗ mít chạm khắc thủ công decor phòng khách',
    price: 2450000, priceStyle: 'suffix', category: 'do-go-nhac-cu', shop: 'nhac-cu-an-nhien', sold: 18,
    images: [{ work: 'dong-ky-trong-cham-khac', edits: ['watermark', 'crop80'] }],
    description: 'Trống gỗ nguyên khối, mặt da thật, vừa trang trí vừa chơi được. Cao 60 cm. Hàng đặt làm 7–10 ngày.',
    infringes: ['dong-ky-trong-cham-khac'],
  },
  {
    title: 'Bánh phu thê Đình Bảng hộp 10 chiếc - OCOP 4 sao',
    price: 120000, priceStyle: 'symbol', category: 'dac-san-ocop', shop: 'dac-san-que-minh', sold: 5320, jsonLd: true,
    images: [{ work: 'banh-phu-the-dinh-bang', edits: ['resize', 'card'] }],
    description: `${textOf('banh-phu-the-dinh-bang')}\nHạn dùng 3 ngày, bảo quản nơi thoáng mát. Ship hỏa tốc nội thành Bắc Ninh.`,
    infringes: ['banh-phu-the-dinh-bang'], textEdits: ['text-verbatim'],
  },
  {
    title: 'Vải thiều Lục Ngạn loại 1 thùng 5kg - hái tại vườn',
    price: 175000, priceStyle: 'word', category: 'dac-san-ocop', shop: 'dac-san-que-minh', sold: 2210,
    images: [{ work: 'vai-thieu-luc-ngan', edits: ['watermark', 'card', 'brightness'] }],
    description: `${fold(textOf('vai-thieu-luc-ngan'))}\nDat hang truoc 2 ngay, giao tan noi toan mien Bac.`,
    infringes: ['vai-thieu-luc-ngan'], textEdits: ['text-folded'],
  },
  {
    title: 'Tranh phong cảnh núi rừng mùa thu in canvas treo phòng khách',
    price: 450000, priceStyle: 'symbol', category: 'tranh-trang-tri', shop: 'tranh-viet-decor', sold: 96,
    images: [{ work: 'anh-mua-thu-nham-bien', edits: ['crop80', 'resize', 'brightness', 'jpeg'] }],
    description: 'Tranh in từ ảnh chụp thật, căng canvas khung gỗ thông, phủ bóng chống ẩm. Nhiều kích thước: 40×60, 60×90, 80×120 cm.',
    infringes: ['anh-mua-thu-nham-bien'],
  },
  {
    title: 'Tuyển tập lời ca quan họ mới - file in A4 kèm USB nhạc beat',
    price: 89000, priceStyle: 'word', category: 'sach-qua-tang', shop: 'nhac-cu-an-nhien', sold: 77,
    images: [{ innocent: 'dan-hac' }],
    description: `Trích đoạn bài "Chiều bên sông Cầu":\n${textOf('quan-ho-chieu-song-cau')}\nTrọn bộ 30 bài kèm hợp âm, gửi file ngay sau khi thanh toán.`,
    infringes: ['quan-ho-chieu-song-cau'], textEdits: ['text-verbatim'],
  },
  {
    title: 'Mì gạo Chũ đặc sản Bắc Giang gói 500g',
    price: 38000, priceStyle: 'suffix', category: 'dac-san-ocop', shop: 'dac-san-que-minh', sold: 3890,
    images: [{ innocent: 'anh-qua-sung' }],
    description: `${fold(reorderSentences(textOf('mi-chu-nam-duong')))}\nMua 10 goi tang 1 goi.`,
    infringes: ['mi-chu-nam-duong'], textEdits: ['text-folded', 'text-reordered'],
  },
  {
    title: 'Combo quà Tết Kinh Bắc cao cấp (mô tả chi tiết)',
    price: 1890000, priceStyle: 'symbol', category: 'sach-qua-tang', shop: 'qua-tet-online-247', sold: 35,
    images: [{ innocent: 'cay-thong-noel' }],
    description: longDescription(
      'Combo gồm: 1 tranh dân gian, 1 bộ chén gốm, 2 hộp bánh đặc sản, thiệp chúc Tết viết tay.',
      textOf('dong-ho-lon-dan'),
      40000,
    ),
    infringes: ['dong-ho-lon-dan'], textEdits: ['text-embedded'], hostile: 'long-description',
  },
  {
    title: 'Tranh Đám cưới chuột bản gốc (hàng nội bộ)',
    price: 650000, priceStyle: 'symbol', category: 'tranh-trang-tri', shop: 'qua-tet-online-247', sold: 3,
    images: [{ work: 'dong-ho-dam-cuoi-chuot', edits: ['resize'] }],
    description: textOf('dong-ho-dam-cuoi-chuot'),
    infringes: ['dong-ho-dam-cuoi-chuot'], textEdits: ['text-verbatim', 'title-copied'], robotsDisallowed: true,
  },
];
