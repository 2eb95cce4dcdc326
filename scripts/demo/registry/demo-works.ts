import type { WorkType } from '../../../fingerprints/fingerprints.schema.ts';

/**
 * Registered works of the demo. Titles, owners and subjects are modelled on Bắc Ninh's real heritage, but
 * every certificate number, date, person and text here is invented for the demo; the texts (verse, lyrics,
 * product copy) were written for ipwatch and copy no published work.
 */
export interface DemoWorkData {
  /** Stable across runs: the marketplace's ground truth and the end-to-end test refer to works by key. */
  key: string;
  title: string;
  type: WorkType;
  authors: string[];
  owners: string[];
  certificateNo: string | null;
  /** YYYY-MM-DD, null when the work was never registered with the copyright office. */
  certificateDate: string | null;
  description: string;
  /** The work's own text, fingerprinted for text reuse; null for works that are only an image. */
  text: string | null;
  keywords: string[];
}

export const DONG_HO_COOP = 'Hợp tác xã Tranh dân gian Đông Hồ';
export const PHU_LANG_COOP = 'HTX Gốm Phù Lãng';

export const demoWorkData: DemoWorkData[] = [
  {
    key: 'dong-ho-dam-cuoi-chuot',
    title: 'Tranh Đám cưới chuột',
    type: 'folk',
    authors: ['Nghệ nhân Nguyễn Đăng Chế'],
    owners: [DONG_HO_COOP],
    certificateNo: '3794/2024/QTG',
    certificateDate: '2024-05-16',
    description:
      'Bản khắc mới tranh Đám cưới chuột, in trên giấy điệp bằng màu tự nhiên: đen than lá tre, đỏ sỏi son, vàng hoa hòe, xanh lá chàm. Khổ 37×27 cm.',
    text: [
      'Tháng Chạp trời hanh rước dâu,',
      'Họ nhà chuột kéo qua cầu làng Mái.',
      'Kèn loa thổi suốt dọc đường,',
      'Ngựa hồng chú rể, kiệu vàng cô dâu.',
      'Cá chép đôi, chim sẻ đôi,',
      'Lễ dâng ông Mèo cho yên lòng đi.',
    ].join('\n'),
    keywords: ['Đông Hồ', 'đám cưới chuột'],
  },
  {
    key: 'dong-ho-lon-dan',
    title: 'Tranh Lợn đàn',
    type: 'folk',
    authors: ['Nghệ nhân Nguyễn Đăng Chế'],
    owners: [DONG_HO_COOP],
    certificateNo: '3795/2024/QTG',
    certificateDate: '2024-05-16',
    description: 'Lợn mẹ và đàn lợn con bên khóm cây, thân lợn mẹ có khoáy âm dương; bản khắc năm ván màu trên giấy điệp.',
    text:
      'Lợn mẹ béo tròn nằm giữa sân, năm chú lợn con quây quanh bú mẹ. Trên mình lợn mẹ có hai khoáy âm dương cuộn tròn như đồng tiền cổ. ' +
      'Tranh treo ngày Tết để cầu cho nhà nhà no đủ, con cháu đầy đàn, làm ăn phát đạt quanh năm.',
    keywords: ['Đông Hồ', 'lợn đàn'],
  },
  {
    key: 'dong-ho-ly-ngu-vong-nguyet',
    title: 'Tranh Lý ngư vọng nguyệt (Cá chép trông trăng)',
    type: 'fine_art',
    authors: ['Nghệ nhân Nguyễn Đăng Chế'],
    owners: ['Nghệ nhân Nguyễn Đăng Chế'],
    certificateNo: '1127/2023/QTG',
    certificateDate: '2023-09-08',
    description: 'Cá chép vàng uốn mình vươn lên mặt nước hướng về vầng trăng, tượng trưng cho ý chí vượt vũ môn; bản vẽ mẫu cho tranh khắc.',
    text: null,
    keywords: ['lý ngư vọng nguyệt', 'cá chép trông trăng'],
  },
  {
    key: 'thieu-nu-kinh-bac',
    title: 'Tranh Thiếu nữ Kinh Bắc',
    type: 'fine_art',
    authors: ['Họa sĩ Trần Thu Hà'],
    owners: ['Họa sĩ Trần Thu Hà'],
    certificateNo: null,
    certificateDate: null,
    description: 'Chân dung thiếu nữ Kinh Bắc tóc dài, cài trâm bạc; tranh vẽ năm 2021, bản in giclée giới hạn 50 bản.',
    text: null,
    keywords: ['thiếu nữ Kinh Bắc'],
  },
  {
    key: 'gom-phu-lang-bat-hoa-van',
    title: 'Bát gốm Phù Lãng men da lươn hoa văn tam giác',
    type: 'applied_art',
    authors: ['Nghệ nhân Vũ Đình Khải'],
    owners: [PHU_LANG_COOP],
    certificateNo: '2561/2025/QTG',
    certificateDate: '2025-03-21',
    description: 'Bát đắp nổi hoa văn tam giác và sóng nước, men da lươn vàng nâu, nung củi bảy ngày đêm trong lò cóc Phù Lãng.',
    text:
      'Đất sét đỏ bờ sông Cầu được ngâm ủ ba tháng, vuốt tay trên bàn xoay đạp chân. Hoa văn đắp nổi từng dải tam giác như mái đình, ' +
      'phía dưới là sóng nước quê quan họ. Men tro trấu pha đá thối cho sắc da lươn vàng nâu, không chì, an toàn khi đựng thức ăn.',
    keywords: ['Phù Lãng', 'men da lươn'],
  },
  {
    key: 'dong-ky-trong-cham-khac',
    title: 'Trống gỗ chạm khắc Đồng Kỵ',
    type: 'applied_art',
    authors: ['Nghệ nhân Nguyễn Văn Tiến'],
    owners: ['Công ty TNHH Mỹ nghệ Đồng Kỵ'],
    certificateNo: '0988/2022/QTG',
    certificateDate: '2022-11-02',
    description: 'Trống gỗ mít nguyên khối, thân chạm sọc dọc, mặt da căng dây; mẫu thiết kế đồ trang trí nội thất của làng nghề Đồng Kỵ.',
    text: null,
    keywords: ['Đồng Kỵ', 'trống gỗ chạm khắc'],
  },
  {
    key: 'quan-ho-chieu-song-cau',
    title: 'Chiều bên sông Cầu (lời mới theo làn điệu quan họ)',
    type: 'music',
    authors: ['Nhạc sĩ Lê Minh Quang'],
    owners: ['Nhà hát Dân ca Quan họ Bắc Ninh'],
    certificateNo: '4410/2025/QTG',
    certificateDate: '2025-08-12',
    description: 'Lời ca mới viết trên nền làn điệu quan họ cổ, dàn dựng cho liền anh liền chị hát đối đáp.',
    text: [
      'Chiều về bên sông Cầu, gió đưa hương lúa mới,',
      'Thuyền ai neo bến Như Nguyệt, đợi người hát đối sang sông.',
      'Nón quai thao nghiêng che vành nắng,',
      'Áo mớ ba thắm đỏ con đò.',
      'Miếng trầu têm cánh phượng xin mời người xơi cho thắm,',
      'Hẹn mùa hội Lim năm sau, ta lại về ca khúc giao duyên.',
    ].join('\n'),
    keywords: ['quan họ', 'sông Cầu'],
  },
  {
    key: 'banh-phu-the-dinh-bang',
    title: 'Ảnh và bài giới thiệu sản phẩm Bánh phu thê Đình Bảng',
    type: 'photo',
    authors: ['Nguyễn Thị Hằng'],
    owners: ['HTX Bánh phu thê Đình Bảng'],
    certificateNo: '3012/2024/QTG',
    certificateDate: '2024-04-03',
    description: 'Ảnh sản phẩm và bài giới thiệu in trên bao bì Bánh phu thê Đình Bảng, sản phẩm OCOP 4 sao.',
    text:
      'Bánh phu thê Đình Bảng gói trọn tình nghĩa vợ chồng trong chiếc hộp lá dừa vuông vức. Vỏ bánh dẻo trong làm từ bột nếp cái hoa vàng, ' +
      'nhuộm màu bằng quả dành dành; nhân đậu xanh đồ chín đánh nhuyễn cùng dừa nạo và đường phèn, thoang thoảng hương hoa bưởi. ' +
      'Mỗi chiếc bánh được gói tay theo công thức gia truyền của làng Đình Bảng, quê hương nhà Lý.',
    keywords: ['bánh phu thê', 'Đình Bảng'],
  },
  {
    key: 'vai-thieu-luc-ngan',
    title: 'Ảnh sản phẩm Vải thiều Lục Ngạn',
    type: 'photo',
    authors: ['Hoàng Văn Lực'],
    owners: ['Hội Vải thiều Lục Ngạn'],
    certificateNo: null,
    certificateDate: null,
    description: 'Ảnh chụp sản phẩm dùng để quảng bá chỉ dẫn địa lý Vải thiều Lục Ngạn.',
    text:
      'Vải thiều Lục Ngạn quả tròn đều, vỏ đỏ mỏng, cùi trắng dày, hạt nhỏ như hạt đỗ; vị ngọt sắc, thơm mát, ' +
      'chín rộ vào tháng Sáu trên những sườn đồi đất đỏ ven sông Lục Nam.',
    keywords: ['vải thiều Lục Ngạn'],
  },
  {
    key: 'mi-chu-nam-duong',
    title: 'Bài giới thiệu sản phẩm Mì Chũ Nam Dương',
    type: 'literary',
    authors: ['Trần Văn Bình'],
    owners: ['HTX Mì Chũ Nam Dương'],
    certificateNo: '1875/2025/QTG',
    certificateDate: '2025-02-14',
    description: 'Bài viết và ảnh minh họa giới thiệu Mì Chũ Nam Dương, sản phẩm OCOP của tỉnh.',
    text:
      'Mì Chũ Nam Dương được làm từ gạo Bao thai hồng trồng trên đồng đất Lục Ngạn, ngâm, xay, tráng bánh rồi thái sợi và phơi nắng tự nhiên hai lần. ' +
      'Sợi mì màu trắng ngà, dai mềm, không dùng chất bảo quản hay hàn the; luộc ba phút là ăn được, xào với thịt bò, rau cải hoặc nấu canh cua đều ngon.',
    keywords: ['Mì Chũ', 'Nam Dương'],
  },
  {
    key: 'anh-mua-thu-nham-bien',
    title: 'Ảnh nghệ thuật: Mùa thu trên núi Nham Biền',
    type: 'photo',
    authors: ['Nhiếp ảnh gia Đỗ Văn Hải'],
    owners: ['Nhiếp ảnh gia Đỗ Văn Hải'],
    certificateNo: '5120/2025/QTG',
    certificateDate: '2025-10-30',
    description: 'Rừng cây chuyển màu vàng đỏ dưới chân núi, đồng cỏ xanh phía trước; ảnh đoạt giải cuộc thi ảnh đẹp quê hương 2025.',
    text: null,
    keywords: ['Nham Biền'],
  },
];
