/** Evidence packets: the download button and the public key page. */
export const packetsVi = {
  download: 'Tải gói chứng cứ',
  downloadHint: 'Gói WACZ có chữ ký số: bản lưu trang, ảnh chụp, hồ sơ tác phẩm, báo cáo PDF, nhật ký lưu giữ.',
  keyLink: 'Khóa công khai của Sở',
  keyTitle: 'Khóa công khai ký gói chứng cứ',
  keyIntro:
    'Mọi gói chứng cứ do hệ thống xuất ra được Sở ký bằng khóa ECDSA P-384 dưới đây (chữ ký ẩn danh theo đặc tả WACZ Signing and Verification). Người nhận gói — nền tảng, thừa phát lại, tòa án — đối chiếu dấu vân tay này với khóa trong tệp datapackage-digest.json của gói.',
  fingerprint: 'Dấu vân tay SHA-256 (của khóa SPKI DER)',
  algorithm: 'Thuật toán',
  pem: 'Khóa công khai (PEM)',
  spki: 'Khóa công khai (SPKI DER, base64) — giá trị publicKey trong gói',
  downloadPem: 'Tải tệp PEM',
  howToVerify: 'Cách kiểm tra một gói',
  verifyCommand: 'Chạy lệnh sau (không cần mạng hay cơ sở dữ liệu); kết quả "intact" nghĩa là mọi tệp và chữ ký đều đúng:',
};
