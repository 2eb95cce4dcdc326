import path from 'node:path';
import { ExternalInputError } from '../../../core/errors/errors.ts';
import { decodeImage, HASH_DECODE_MAX_SIDE, sniffFormat } from '../../image/image.decode.ts';
import { issue, type ImportIssue } from './import.issue.ts';
import { SafeZip } from './import.zip.ts';

/** What each image extension must really contain: a PNG behind `.jpg` is refused, not guessed. */
const EXPECTED: Record<string, string> = {
  '.jpg': 'jpeg', '.jpeg': 'jpeg', '.png': 'png', '.webp': 'webp', '.gif': 'gif',
  '.tif': 'tiff', '.tiff': 'tiff', '.bmp': 'bmp', '.heic': 'heif', '.heif': 'heif', '.avif': 'heif',
};

/**
 * The images a file's rows name, looked up in the ZIP by path, else by file name when that is unique
 * (officers zip a folder). Each image is checked once: extension, sniffed content, a safe decode.
 */
export class ImageSource {
  private readonly byBase = new Map<string, string[]>();
  private readonly checked = new Map<string, Promise<ImportIssue | undefined>>();

  constructor(
    private readonly zip: SafeZip | undefined,
    private readonly maxImageBytes: number,
  ) {
    for (const name of zip?.entries.keys() ?? []) {
      const base = path.posix.basename(name);
      this.byBase.set(base, [...(this.byBase.get(base) ?? []), name]);
    }
  }

  get hasArchive(): boolean {
    return this.zip !== undefined;
  }

  /** The ZIP entry a row's image name denotes, or undefined (absent or ambiguous). */
  locate(name: string): string | undefined {
    const wanted = name.normalize('NFC').replace(/\\/g, '/').replace(/^\.\//, '');
    if (this.zip?.entries.has(wanted)) return wanted;
    const candidates = this.byBase.get(path.posix.basename(wanted));
    return candidates?.length === 1 ? candidates[0] : undefined;
  }

  /** Why this image cannot be imported, or undefined when it can. */
  check(name: string): Promise<ImportIssue | undefined> {
    let result = this.checked.get(name);
    if (!result) {
      result = this.inspect(name);
      this.checked.set(name, result);
    }
    return result;
  }

  async bytes(name: string): Promise<Uint8Array> {
    const entry = this.locate(name);
    if (!entry || !this.zip) throw new Error(`image ${name} not in the archive`);
    return this.zip.read(entry);
  }

  private async inspect(name: string): Promise<ImportIssue | undefined> {
    const entry = this.locate(name);
    if (!entry) {
      if (!this.zip) return issue(`hình ${name}: chưa gửi kèm tệp ZIP hình ảnh (--images)`, `image ${name}: no images ZIP given (--images)`);
      const many = (this.byBase.get(path.posix.basename(name))?.length ?? 0) > 1;
      return many
        ? issue(`hình ${name}: có nhiều tệp cùng tên trong ZIP, hãy ghi cả thư mục`, `image ${name}: several files of that name in the ZIP, give the folder too`)
        : issue(`hình ${name}: không có trong tệp ZIP`, `image ${name}: not found in the ZIP`);
    }
    const expected = EXPECTED[path.extname(entry).toLowerCase()];
    if (!expected) return issue(`hình ${name}: phần mở rộng không được hỗ trợ (jpg, png, webp, gif, tif, bmp, heic)`, `image ${name}: unsupported extension (jpg, png, webp, gif, tif, bmp, heic)`);
    let bytes: Uint8Array;
    try {
      bytes = await this.zip!.read(entry);
    } catch (error) {
      return issue(`hình ${name}: ${(error as Error).message}`, `image ${name}: ${(error as Error).message}`);
    }
    if (bytes.byteLength > this.maxImageBytes) {
      return issue(`hình ${name}: quá lớn (${bytes.byteLength} byte, tối đa ${this.maxImageBytes})`, `image ${name}: too large (${bytes.byteLength} bytes, limit ${this.maxImageBytes})`);
    }
    const sniffed = sniffFormat(bytes);
    if (!sniffed || sniffed === 'svg') return issue(`hình ${name}: nội dung không phải hình ảnh`, `image ${name}: the content is not an image`);
    if (sniffed !== expected) {
      return issue(`hình ${name}: nội dung là ${sniffed.toUpperCase()}, không khớp phần mở rộng`, `image ${name}: the content is ${sniffed.toUpperCase()}, not what the extension says`);
    }
    try {
      await decodeImage(bytes, { maxBytes: this.maxImageBytes, maxSide: HASH_DECODE_MAX_SIDE });
    } catch (error) {
      const message = error instanceof ExternalInputError ? error.message : 'truncated or corrupt image';
      return issue(`hình ${name}: không giải mã được (${message})`, `image ${name}: cannot be decoded (${message})`);
    }
    return undefined;
  }
}
