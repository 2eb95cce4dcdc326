/** Test-only fixture verse written for ipwatch's tests (no third-party text). */
export const FIXTURE_POEM = [
  'Làng tranh bên bến sông Đuống',
  'Giấy dó quét điệp óng ánh vỏ sò',
  'Mẹ ngồi in mộc dưới mái hiên xưa',
  'Màu son màu chàm thắm đượm hồn quê',
  'Chuột rước dâu kèn trống rộn ràng',
  'Mèo ngồi rình mãi chẳng bắt được ai',
  'Tết về không nhà nào thiếu tranh mới',
  'Ông cháu cùng xem cười vui cả sân',
].join('\n');
