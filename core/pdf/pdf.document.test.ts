import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config.ts';
import { FONT_BOLD, FontMissingError, printable, renderPdf } from './pdf.document.ts';

const fontDir = parseConfig({}).fontDir;

describe('renderPdf', () => {
  it('embeds a font that renders Vietnamese, and the text comes back out', async () => {
    const pdf = await renderPdf({ fontDir, title: 'Thử', createdAt: new Date('2026-11-25T00:00:00Z') }, (doc) => {
      doc.font(FONT_BOLD).text('Yêu cầu gỡ bỏ nội dung xâm phạm quyền tác giả');
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ipw-pdf-')), 'a.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdffonts', [file]).toString()).toMatch(/NotoSans-Bold.*yes/);
    expect(execFileSync('pdftotext', [file, '-']).toString()).toContain('Yêu cầu gỡ bỏ nội dung xâm phạm quyền tác giả');
  });

  it('names the missing font instead of failing deep inside pdfkit', async () => {
    await expect(renderPdf({ fontDir: '/nonexistent', title: 't', createdAt: new Date() }, () => undefined)).rejects.toBeInstanceOf(FontMissingError);
  });

  it('keeps crawled text printable: control characters out, long text capped', () => {
    expect(printable('a\u0000b\u001Fc<script>')).toBe('a b c<script>');
    expect(printable('x'.repeat(10), 5)).toBe('xxxx…');
    expect(printable(null)).toBe('');
  });
});
