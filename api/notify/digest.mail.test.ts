import { describe, expect, it } from 'vitest';
import { findingsDigest, MAIL_ITEM_LIMIT, overdueDigest } from './digest.mail.ts';

const finding = (id: number, over: Partial<{ title: string; url: string }> = {}) => ({ id, subject: 'Tranh Đám cưới chuột', title: `Tin ${id}`, url: `https://shop.example.vn/${id}`, platform: 'shopee', score: 0.91, ...over });

describe('digest mail composition', () => {
  it('links only http(s) URLs and escapes everything crawled', () => {
    const mail = findingsDigest({ name: 'Làng <tranh>', findings: [finding(1, { url: 'javascript:alert(1)', title: '"><img src=x onerror=alert(1)>' })], total: 1, baseUrl: 'https://ipwatch.example' });
    expect(mail.htmlBody).not.toContain('href="javascript:');
    expect(mail.htmlBody).toContain('javascript:alert(1)');
    expect(mail.htmlBody).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.htmlBody).toContain('Kính gửi Làng &lt;tranh&gt;');
    expect(mail.htmlBody).toContain('<a href="https://ipwatch.example/findings">');
  });

  it('lists at most the item limit and counts the rest, in both languages', () => {
    const many = Array.from({ length: MAIL_ITEM_LIMIT + 7 }, (_, i) => finding(i + 1));
    const mail = findingsDigest({ name: 'A', findings: many, total: many.length, baseUrl: 'https://x' });
    expect(mail.textBody.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(MAIL_ITEM_LIMIT);
    expect(mail.textBody).toContain('… và 7 tin đăng khác.');
    expect(mail.textBody).toContain('7 of them not listed');
    expect(mail.subject).toMatch(/^\[ipwatch\] 57 phát hiện mới .* \/ 57 new finding\(s\)/);
  });

  it('shows overdue deadlines in Vietnam time', () => {
    const mail = overdueDigest({ name: 'B', baseUrl: 'https://x', notices: [{ noticeId: 3, caseTitle: 'Vụ 1', recipient: 'Shopee', basis: 'art114', deadline: 'takedown', due: new Date('2026-11-19T17:30:00Z'), total: 2, removed: 1 }] });
    expect(mail.textBody).toContain('#3 Vụ 1 | Shopee | Điều 114 / Art. 114 | takedown: 00:30 20/11/2026 | 1/2');
  });
});
