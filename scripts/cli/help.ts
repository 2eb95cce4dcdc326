/** Help is bilingual: officers read Vietnamese first, the English follows for everyone else. */
export const usage = `ipwatch — giám sát xâm phạm quyền tác giả và nhãn hiệu trên mạng (Sở VHTTDL Bắc Ninh)

Cách dùng: ipwatch <lệnh> [tuỳ chọn]

Lệnh:
  start [--once] [--no-demo]   Chạy toàn bộ: cơ sở dữ liệu, hàng đợi, chợ mẫu, thu thập, so khớp, giao diện web.
                               --once: thu thập các nguồn đã cấu hình, so khớp, in tóm tắt rồi thoát (mã 0).
  serve                        Chỉ chạy giao diện web + REST API (vai trò api khi triển khai).
  worker --role crawler|matcher
                               Chạy một tiến trình xử lý hàng đợi của một khâu (có thể chạy nhiều bản).
  migrate                      Áp dụng các bản chuyển đổi cơ sở dữ liệu rồi thoát.
  crawl <url> [--internal] [--max-pages N] [--adapter TÊN]
                               Thu thập ngay một nguồn, lưu tin đăng và chứng cứ, so khớp, in tóm tắt JSON.
  findings [--status S] [--format jsonl|table]
                               In các phát hiện, mỗi dòng một phát hiện (JSON).
  match --works <thư-mục|works.jsonl> --candidates <thư-mục|candidates.jsonl> [--format jsonl]
                               So khớp ngoại tuyến (không cần cơ sở dữ liệu): mỗi ứng viên một dòng JSON;
                               --threshold T đổi ngưỡng báo cáo (mặc định 0.5, như khi giám sát).
                               Mã thoát 0: đọc được mọi ứng viên; 2: có ứng viên lỗi; 1: sai tham số/tác phẩm.
  registry import <tệp.csv|tệp.xlsx> [--images <hình.zip>] [--dry-run] [--format json]
                               Nhập hàng loạt tác phẩm hoặc nhãn hiệu (theo dòng tiêu đề); mọi dòng được kiểm tra
                               trước; có dòng bị từ chối thì không ghi gì (mã 1). --dry-run: chỉ báo từng dòng sẽ
                               được tạo mới / cập nhật / không đổi / bị từ chối.
  registry export --kind works|marks --format csv|xlsx --out TỆP [--header codes|vi]
                               Xuất sổ đăng ký theo đúng các cột nhập (nhập lại: không đổi).
  registry template --kind works|marks --format csv|xlsx --out TỆP
                               Ghi tệp mẫu để điền (tiêu đề tiếng Việt).
  packet export --finding <id> | --case <id> --out <tệp.zip>
                               Xuất gói chứng cứ có chữ ký (WACZ 1.1.1): bản lưu WARC, ảnh chụp, hồ sơ tác phẩm,
                               báo cáo PDF, nhật ký lưu giữ; mỗi lần xuất được ghi vào nhật ký kiểm toán.
  packet verify <tệp.zip> [--public-key <tệp>]
                               Kiểm tra gói ngoại tuyến (không cần cơ sở dữ liệu, mạng): mã 0 và "intact" khi mọi
                               SHA-256 và chữ ký đều đúng; mã 1 và tên tệp đầu tiên không khớp.
  help                         In hướng dẫn này.

Biến môi trường: IPWATCH_DATA_DIR (mặc định ./data), DATABASE_URL, REDIS_URL, IPWATCH_PORT (3000),
IPWATCH_HOST, IPWATCH_LOG_LEVEL, IPWATCH_DEMO_MARKETPLACE_PORT (3100) — xem README.md.

──────────────────────────────────────────────────────────────────────────────

ipwatch — online copyright and trademark infringement monitor (Bắc Ninh Department of Culture, Sports and Tourism)

Usage: ipwatch <command> [options]

Commands:
  start [--once] [--no-demo]   Run everything: database, queues, sample marketplace, crawl, match, web UI.
                               --once: crawl the configured sources, match, print a summary and exit 0.
  serve                        Run only the web UI + REST API (the api role in a deployment).
  worker --role crawler|matcher
                               Run one process working one stage's queue (run as many as needed).
  migrate                      Apply database migrations and exit.
  crawl <url> [--internal] [--max-pages N] [--adapter NAME]
                               Crawl one source now, store listings and evidence, match, print a JSON summary.
  findings [--status S] [--format jsonl|table]
                               Print findings, one JSON line each.
  match --works <dir|works.jsonl> --candidates <dir|candidates.jsonl> [--format jsonl]
                               Offline batch matching (no database): one JSON line per candidate;
                               --threshold T changes the report threshold (default 0.5, as in monitoring).
                               Exit 0: every candidate read; 2: some could not be; 1: bad arguments or works.
  registry import <file.csv|file.xlsx> [--images <images.zip>] [--dry-run] [--format json]
                               Bulk import of works or marks (told by the header); every row is checked first;
                               any rejected row means nothing is written (exit 1). --dry-run: only report whether
                               each row would be created / updated / unchanged / rejected.
  registry export --kind works|marks --format csv|xlsx --out FILE [--header codes|vi]
                               Export the registry in the import's columns (re-imports as unchanged).
  registry template --kind works|marks --format csv|xlsx --out FILE
                               Write the empty template to fill in (Vietnamese headings).
  packet export --finding <id> | --case <id> --out <file.zip>
                               Export a signed evidence packet (WACZ 1.1.1): WARC records, screenshots, the work's
                               record, a PDF report, the custody log; every export is written to the audit log.
  packet verify <file.zip> [--public-key <file>]
                               Check a packet offline (no database, no network): exit 0 and "intact" when every
                               SHA-256 and the signature check out; exit 1 naming the first file that does not.
  help                         Print this help.

Environment: IPWATCH_DATA_DIR (default ./data), DATABASE_URL, REDIS_URL, IPWATCH_PORT (3000), IPWATCH_HOST,
IPWATCH_LOG_LEVEL, IPWATCH_DEMO_MARKETPLACE_PORT (3100) — see README.md.
`;
