import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { markEncrypted, renameInZip, zipOf } from './import.fixture.ts';
import { ImageSource } from './import.images.ts';
import { ImportFileError } from './import.issue.ts';
import { SafeZip, type ZipLimits } from './import.zip.ts';

const limits: ZipLimits = { maxEntries: 10, maxEntryBytes: 20 * 1024 * 1024, maxTotalBytes: 40 * 1024 * 1024, maxRatio: 100 };
const png = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#c04020' } }).png().toBuffer();
const jpeg = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#2040c0' } }).jpeg().toBuffer();

async function refused(bytes: Buffer, pattern: RegExp, over: Partial<ZipLimits> = {}): Promise<void> {
  const error = await SafeZip.open({ bytes }, 'images.zip', { ...limits, ...over }).then((z) => (z.close(), undefined), (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportFileError);
  expect((error as Error).message).toMatch(pattern);
  expect((error as Error).message).toMatch(/^images\.zip: /);
}

describe('images ZIP', () => {
  it('lists regular files (NFC names, macOS litter skipped) and reads them', async () => {
    const data = await png();
    const zip = await SafeZip.open({ bytes: await zipOf([
      { name: 'anh/Tranh ga\u0300.png', data },
      { name: '__MACOSX/anh/._Tranh.png', data: Buffer.from('x') },
      { name: 'anh/.DS_Store', data: Buffer.from('x') },
    ]) }, 'images.zip', limits);
    try {
      expect([...zip.entries.keys()]).toEqual(['anh/Tranh gà.png']);
      expect((await zip.read('anh/Tranh gà.png')).equals(data)).toBe(true);
    } finally {
      zip.close();
    }
  });

  it('refuses ../ and absolute paths, symlinks, encryption, too many entries, bombs and oversize', async () => {
    const data = await png();
    await refused(renameInZip(await zipOf([{ name: 'xx/evil.png', data }]), 'xx/evil.png', '../evil.png'), /đường dẫn không an toàn/);
    await refused(renameInZip(await zipOf([{ name: 'xetc/passwd', data }]), 'xetc/passwd', '/etc/passwd'), /đường dẫn không an toàn/);
    await refused(await zipOf([{ name: 'link.png', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]), /liên kết tượng trưng/);
    await refused(markEncrypted(await zipOf([{ name: 'a.png', data }])), /mã hóa/);
    await refused(await zipOf(Array.from({ length: 11 }, (_, i) => ({ name: `${i}.png`, data }))), /quá nhiều mục/);
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    await refused(await zipOf([{ name: 'bomb.png', data: zeros }]), /bom giải nén/);
    await refused(await zipOf([{ name: 'big.png', data: zeros, compress: false }]), /quá lớn/, { maxEntryBytes: 1024 * 1024 });
    await refused(Buffer.from('PK\u0003\u0004 not really a zip'), /không phải tệp ZIP hợp lệ/);
  });

  it('checks each image: sniffed content must match the extension and decode', async () => {
    const zip = await SafeZip.open({ bytes: await zipOf([
      { name: 'ok.png', data: await png() },
      { name: 'folder/photo.jpg', data: await jpeg() },
      { name: 'fake.jpg', data: Buffer.from('<html><body>not an image</body></html>') },
      { name: 'png-named.jpg', data: await png() },
      { name: 'cut.png', data: (await png()).subarray(0, 60) },
      { name: 'notes.txt', data: Buffer.from('x') },
    ]) }, 'images.zip', limits);
    try {
      const images = new ImageSource(zip, limits.maxEntryBytes);
      expect(await images.check('ok.png')).toBeUndefined();
      expect(await images.check('photo.jpg')).toBeUndefined(); // found by its file name alone
      expect((await images.check('fake.jpg'))?.vi).toMatch(/không phải hình ảnh/);
      expect((await images.check('png-named.jpg'))?.en).toMatch(/content is PNG/);
      expect((await images.check('cut.png'))?.vi).toMatch(/không giải mã được/);
      expect((await images.check('notes.txt'))?.vi).toMatch(/phần mở rộng/);
      expect((await images.check('missing.png'))?.vi).toMatch(/không có trong tệp ZIP/);
    } finally {
      zip.close();
    }
  });
});
