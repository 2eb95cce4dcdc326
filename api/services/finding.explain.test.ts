import { describe, expect, it } from 'vitest';
import type { Signal } from '../../matcher/matcher.schema.ts';
import { en } from '../i18n/en.ts';
import { vi } from '../i18n/vi.ts';
import { explainSignal, fill, regionName } from './finding.explain.ts';

const pdq: Signal = {
  kind: 'image', algorithm: 'pdq', score: 0.9, distance: 18, threshold: 70, matched: true, listingImageId: 3, assetId: 4,
  explanation: 'listing image 2, candidate content (the main picture…) vs work full (the whole image): pdq: 18/256 bits differ',
  workRegionName: 'content-top-left-60', listingRegionName: 'content', variant: 'flipY',
};

describe('signal explanations', () => {
  it('explains an image hash match in Vietnamese from its fields, not from the English sentence', () => {
    const text = explainSignal(vi.review.explain, pdq, { subject: 'Đám cưới chuột' });
    expect(text).toBe('Ảnh 2 của tin đăng: vùng phần hình chính (bỏ nền, viền, chữ bên cạnh) khớp vùng phần hình chính, phần cắt góc trên trái 60 % của ảnh đăng ký (ảnh tin đăng lật trái sang phải); PDQ: khác 18/256 bit, ngưỡng 70');
    expect(explainSignal(en.review.explain, pdq, { subject: 'x', imagePosition: 2 })).toContain('mirrored left to right');
  });

  it('explains ORB, text, title, keyword and mark signals', () => {
    const t = vi.review.explain;
    expect(explainSignal(t, { kind: 'image', algorithm: 'orb', score: 0.8, distance: 42, threshold: 12, explanation: 'listing image 1, …', workRegion: { x: 83, y: 58, w: 512, h: 384 } }, { subject: 's' }))
      .toBe('Ảnh 1 của tin đăng: 42 điểm đặc trưng khớp hình học sau RANSAC (cần tối thiểu 12); tin đăng cho thấy vùng 83,58,512×384 của tác phẩm');
    expect(explainSignal(t, { kind: 'text', algorithm: 'text-shingles', score: 0.91, threshold: 0.5, explanation: '', spans: [{ field: 'description', text: 'a' }] }, { subject: 's' })).toContain('1 đoạn trùng, điểm 0.91');
    expect(explainSignal(t, { kind: 'text', algorithm: 'title-words', score: 0.8, threshold: 0.6, explanation: '' }, { subject: 'Đám cưới chuột' })).toContain('«Đám cưới chuột»');
    expect(explainSignal(t, { kind: 'text', algorithm: 'keywords', score: 1, explanation: '', spans: [{ field: 'title', text: 'Đông Hồ' }] }, { subject: 's' })).toBe('Từ khóa đã đăng ký có trong tiêu đề tin đăng: Đông Hồ');
    expect(explainSignal(t, { kind: 'text', algorithm: 'mark-name', score: 0.875, explanation: '', spans: [{ field: 'image 2 (OCR)', text: 'Gom Phu Lang' }] }, { subject: 'Gốm Phù Lãng' }))
      .toBe('Nhãn hiệu «Gốm Phù Lãng» có trong chữ trên ảnh 2 (OCR): «Gom Phu Lang» (gần giống gây nhầm lẫn, độ giống 0.88)');
    // Unknown algorithms keep the matcher's own sentence.
    expect(explainSignal(t, { kind: 'text', algorithm: 'future', score: 1, explanation: 'as said' }, { subject: 's' })).toBe('as said');
  });

  it('names regions and fills templates safely', () => {
    expect(regionName(en.review.explain, 'center-80-grey')).toBe('the image, centre 80 % crop, in grayscale');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and ');
  });
});
