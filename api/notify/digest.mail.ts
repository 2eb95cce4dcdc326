import { printable } from '../../core/pdf/pdf.document.ts';

/** Pure composition of the digest mails: Vietnamese first, English second; crawled text is data, never markup. */

export interface DigestFinding {
  id: number;
  subject: string;
  title: string;
  url: string;
  platform: string;
  score: number;
}

export interface OverdueNotice {
  noticeId: number;
  caseTitle: string;
  recipient: string;
  basis: string;
  deadline: string;
  due: Date;
  total: number;
  removed: number;
}

export interface ComposedMail {
  subject: string;
  textBody: string;
  htmlBody: string;
}

/** How many items a mail lists; the rest are counted and one link away. */
export const MAIL_ITEM_LIMIT = 50;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** One line of crawled text: control characters and line breaks out, length capped. */
const line = (value: string, max = 200) => printable(value, max).replace(/\s+/g, ' ').trim();

/** "HH:mm dd/mm/yyyy" in Vietnam time (UTC+7, no daylight saving). */
function vnTime(date: Date): string {
  const d = new Date(date.getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

function htmlPage(vi: string, en: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;line-height:1.45">${vi}<hr><div lang="en">${en}</div></body></html>`;
}

export function findingsDigest(input: { name: string; findings: DigestFinding[]; total: number; baseUrl: string }): ComposedMail {
  const { findings, total, baseUrl } = input;
  const shown = findings.slice(0, MAIL_ITEM_LIMIT);
  const more = total - shown.length;
  const link = `${baseUrl}/findings`;
  const name = line(input.name, 120);
  const items = shown.map((f) => ({ subject: line(f.subject), title: line(f.title), url: line(f.url, 500), platform: line(f.platform, 60), score: Math.round(f.score * 100) }));

  const textList = items.map((f) => `- ${f.subject} | "${f.title}" | ${f.platform} | ${f.score}% | ${f.url}`).join('\n');
  const textBody = [
    `Kính gửi ${name},`,
    '',
    `ipwatch đã phát hiện ${total} tin đăng mới nghi vi phạm tác phẩm hoặc nhãn hiệu của quý vị kể từ bản tin trước:`,
    '',
    textList,
    more > 0 ? `… và ${more} tin đăng khác.` : '',
    '',
    `Xem và theo dõi tại: ${link}`,
    'Thư này được gửi tự động bởi Sở Văn hoá, Thể thao và Du lịch tỉnh Bắc Ninh; vui lòng không trả lời.',
    '',
    '-- English --',
    `Dear ${name},`,
    `ipwatch found ${total} new listing(s) suspected of infringing your works or marks since the last digest (listed above)${more > 0 ? `, ${more} of them not listed` : ''}.`,
    `See them at: ${link}`,
    'Sent automatically by the Department of Culture, Sports and Tourism of Bắc Ninh; please do not reply.',
  ]
    .filter((l, i, all) => !(l === '' && all[i - 1] === ''))
    .join('\n');

  const rows = items
    .map((f) => `<tr><td>${escapeHtml(f.subject)}</td><td>${escapeHtml(f.title)}</td><td>${escapeHtml(f.platform)}</td><td>${f.score}%</td><td>${/^https?:\/\//i.test(f.url) ? `<a href="${escapeHtml(f.url)}">${escapeHtml(f.url)}</a>` : escapeHtml(f.url)}</td></tr>`)
    .join('');
  const table = `<table border="1" cellpadding="4" style="border-collapse:collapse"><thead><tr><th>Tác phẩm / nhãn hiệu<br>Work / mark</th><th>Tin đăng<br>Listing</th><th>Nền tảng<br>Platform</th><th>Điểm<br>Score</th><th>Địa chỉ<br>URL</th></tr></thead><tbody>${rows}</tbody></table>`;
  const vi = `<p>Kính gửi ${escapeHtml(name)},</p><p>ipwatch đã phát hiện <b>${total}</b> tin đăng mới nghi vi phạm tác phẩm hoặc nhãn hiệu của quý vị kể từ bản tin trước:</p>${table}${more > 0 ? `<p>… và ${more} tin đăng khác.</p>` : ''}<p><a href="${escapeHtml(link)}">Xem và theo dõi</a></p>`;
  const en = `<p>Dear ${escapeHtml(name)},</p><p>ipwatch found <b>${total}</b> new listing(s) suspected of infringing your works or marks since the last digest (listed above).</p><p><a href="${escapeHtml(link)}">See them</a></p>`;
  return {
    subject: `[ipwatch] ${total} phát hiện mới về tác phẩm, nhãn hiệu của quý vị / ${total} new finding(s) on your works and marks`,
    textBody,
    htmlBody: htmlPage(vi, en),
  };
}

const BASIS = { art113: 'Điều 113 / Art. 113', art114: 'Điều 114 / Art. 114' } as Record<string, string>;

export function overdueDigest(input: { name: string; notices: OverdueNotice[]; baseUrl: string }): ComposedMail {
  const name = line(input.name, 120);
  const n = input.notices.length;
  const items = input.notices.slice(0, MAIL_ITEM_LIMIT).map((x) => ({
    ...x,
    caseTitle: line(x.caseTitle),
    recipient: line(x.recipient, 120),
    deadline: line(x.deadline, 40),
    basis: BASIS[x.basis] ?? line(x.basis, 20),
  }));
  const textList = items.map((x) => `- #${x.noticeId} ${x.caseTitle} | ${x.recipient} | ${x.basis} | ${x.deadline}: ${vnTime(x.due)} | ${x.removed}/${x.total}`).join('\n');
  const textBody = [
    `Kính gửi ${name},`,
    '',
    `Có ${n} yêu cầu gỡ bỏ đã quá hạn mà các tin đăng chưa được gỡ hết (hạn, giờ Việt Nam; số tin đã gỡ/tổng số):`,
    '',
    textList,
    '',
    `Xem tại: ${input.baseUrl}/cases`,
    '',
    '-- English --',
    `Dear ${name},`,
    `${n} takedown notice(s) are past a deadline and their listings are not all removed (listed above: deadline in Vietnam time; removed/total).`,
  ].join('\n');
  const rows = items
    .map((x) => `<tr><td>#${x.noticeId}</td><td>${escapeHtml(x.caseTitle)}</td><td>${escapeHtml(x.recipient)}</td><td>${escapeHtml(x.basis)}</td><td>${escapeHtml(x.deadline)}: ${escapeHtml(vnTime(x.due))}</td><td>${x.removed}/${x.total}</td></tr>`)
    .join('');
  const table = `<table border="1" cellpadding="4" style="border-collapse:collapse"><thead><tr><th>Số<br>No.</th><th>Vụ việc<br>Case</th><th>Gửi tới<br>Addressee</th><th>Căn cứ<br>Basis</th><th>Hạn<br>Deadline</th><th>Đã gỡ<br>Removed</th></tr></thead><tbody>${rows}</tbody></table>`;
  const vi = `<p>Kính gửi ${escapeHtml(name)},</p><p>Có <b>${n}</b> yêu cầu gỡ bỏ đã quá hạn mà các tin đăng chưa được gỡ hết:</p>${table}`;
  const en = `<p>Dear ${escapeHtml(name)},</p><p>${n} takedown notice(s) are past a deadline and their listings are not all removed (listed above).</p>`;
  return { subject: `[ipwatch] ${n} yêu cầu gỡ bỏ quá hạn / ${n} overdue takedown notice(s)`, textBody, htmlBody: htmlPage(vi, en) };
}
