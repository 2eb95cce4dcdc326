import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { embeddedStates, matchBracket, scanAssignments } from './embedded-state.scan.ts';
import { describeBytes, sniffImage } from './image.sniff.ts';

describe('embedded state scanner', () => {
  it('matches brackets across strings, escapes and comments', () => {
    const text = `{"a":"}{\\"]","b":[1,{"c":'}'}], /* } */ "d": 2 // }\n}`;
    expect(matchBracket(text, 0)).toBe(text.length);
    expect(matchBracket('{"a": [1, 2}', 0)).toBe(-1);
    expect(matchBracket('{"unclosed": 1', 0)).toBe(-1);
  });

  it('finds window.X = {…} assignments and skips ones that are not JSON', () => {
    const script = `var a = 1; window.pageData = {"mods":{"listItems":[{"name":"x"}]}}; window['__INIT__'] = [1,2]; window.bad = {a: function(){}};`;
    expect(scanAssignments(script)).toEqual([
      { source: 'window.pageData', data: { mods: { listItems: [{ name: 'x' }] } } },
      { source: 'window.__INIT__', data: [1, 2] },
    ]);
  });

  it('reads JSON script tags by id and ignores JSON-LD', () => {
    const $ = cheerio.load(`<script id="__NEXT_DATA__" type="application/json">{"props":{}}</script><script type="application/ld+json">{"@type":"Product"}</script><script>self.__STATE__ = {"x":1}</script><script id="__MODERN_ROUTER_DATA__">{broken</script>`);
    expect(embeddedStates($).map((s) => s.source)).toEqual(['__NEXT_DATA__', 'window.__STATE__']);
  });
});

describe('image sniffing', () => {
  it('knows image formats by their bytes, not by the label', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.mime).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1'))?.mime).toBe('image/png');
    expect(sniffImage(Buffer.from('GIF89a....'))?.mime).toBe('image/gif');
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))?.mime).toBe('image/webp');
    expect(sniffImage(Buffer.from('\0\0\0\x1cftypavif', 'latin1'))?.mime).toBe('image/avif');
    expect(sniffImage(Buffer.from('<html><body>404</body></html>'))).toBeUndefined();
    expect(describeBytes(Buffer.from('<!DOCTYPE html><html>'))).toBe('an HTML page');
    expect(describeBytes(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatch(/SVG/);
    expect(describeBytes(Buffer.alloc(0))).toBe('empty body');
  });
});
