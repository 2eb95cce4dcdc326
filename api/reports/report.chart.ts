/**
 * Chart geometry, computed once and drawn twice: as SVG on the page and with pdfkit vector calls in the
 * PDF, so the two always show the same thing. Pure functions, no drawing library.
 */

export interface Rect { x: number; y: number; w: number; h: number; color: string; value: number }
export interface Label { x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end'; size: number }
export interface Line { x1: number; y1: number; x2: number; y2: number; color: string }
export interface Chart { width: number; height: number; rects: Rect[]; labels: Label[]; lines: Line[] }

export interface Series { name: string; color: string; values: number[] }

export const PALETTE = { findings: '#1f5f99', notices: '#e08a1e', removals: '#3a8f4a', grid: '#d8dde3', axis: '#5b6570' } as const;

/** A round step so that about `ticks` gridlines cover max. */
export function niceStep(max: number, ticks = 4): number {
  if (max <= ticks) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = [1, 2, 5, 10].find((m) => m * power >= raw)!;
  return unit * power;
}

/** Grouped columns: one group per category (months), one column per series, with a legend on top. */
export function columnChart(categories: string[], series: Series[], width: number, height: number, font = 8): Chart {
  const left = 20 + font * 2, right = 8, top = 18 + font, bottom = 14 + font;
  const plotW = width - left - right, plotH = height - top - bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const step = niceStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const chart: Chart = { width, height, rects: [], labels: [], lines: [] };
  for (let v = 0; v <= ceiling; v += step) {
    const y = top + plotH - (v / ceiling) * plotH;
    chart.lines.push({ x1: left, y1: y, x2: width - right, y2: y, color: v === 0 ? PALETTE.axis : PALETTE.grid });
    chart.labels.push({ x: left - 4, y: y + font / 3, text: String(v), anchor: 'end', size: font });
  }
  const groupW = plotW / Math.max(1, categories.length);
  const barW = Math.max(2, (groupW * 0.75) / Math.max(1, series.length));
  categories.forEach((name, i) => {
    const x0 = left + i * groupW + (groupW - barW * series.length) / 2;
    series.forEach((s, j) => {
      const value = s.values[i] ?? 0;
      const h = (value / ceiling) * plotH;
      if (value > 0) chart.rects.push({ x: x0 + j * barW, y: top + plotH - h, w: barW - 1, h, color: s.color, value });
    });
    chart.labels.push({ x: left + i * groupW + groupW / 2, y: height - bottom + font + 4, text: name, anchor: 'middle', size: font });
  });
  let lx = left;
  for (const s of series) {
    chart.rects.push({ x: lx, y: 6, w: font + 2, h: font + 2, color: s.color, value: -1 });
    chart.labels.push({ x: lx + font + 6, y: 6 + font + 1, text: s.name, anchor: 'start', size: font + 1 });
    lx += font * 3 + s.name.length * (font + 1) * 0.58;
  }
  return chart;
}

/** Horizontal bars, one per bucket, value at the bar's end. */
export function barChart(items: { label: string; value: number }[], width: number, color: string, font = 9): Chart {
  const rowH = font * 2, top = 4, labelW = Math.min(190, width * 0.4), right = 36;
  const height = top * 2 + Math.max(1, items.length) * rowH;
  const max = Math.max(1, ...items.map((i) => i.value));
  const chart: Chart = { width, height, rects: [], labels: [], lines: [] };
  const plotW = width - labelW - right;
  items.forEach((item, i) => {
    const y = top + i * rowH;
    const w = (item.value / max) * plotW;
    const base = y + rowH / 2 + font / 3;
    chart.labels.push({ x: labelW - 6, y: base, text: truncate(item.label, 34), anchor: 'end', size: font });
    if (item.value > 0) chart.rects.push({ x: labelW, y: y + 3, w, h: rowH - 6, color, value: item.value });
    chart.labels.push({ x: labelW + w + 4, y: base, text: String(item.value), anchor: 'start', size: font });
  });
  chart.lines.push({ x1: labelW, y1: top, x2: labelW, y2: height - top, color: PALETTE.axis });
  return chart;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
