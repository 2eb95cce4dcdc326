import type { Chart } from '../../reports/report.chart.ts';

/** Chart geometry as inline SVG: no script, so the page's CSP (no scripts at all) holds. Labels are text nodes. */
export function SvgChart({ chart, title }: { chart: Chart; title: string }) {
  return (
    <svg class="rep-chart" viewBox={`0 0 ${chart.width} ${chart.height}`} width={chart.width} height={chart.height} role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg">
      <title>{title}</title>
      {chart.lines.map((l) => (
        <line x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} stroke={l.color} stroke-width="1" />
      ))}
      {chart.rects.map((r) => (
        <rect x={r.x.toFixed(1)} y={r.y.toFixed(1)} width={r.w.toFixed(1)} height={r.h.toFixed(1)} fill={r.color}>
          {r.value >= 0 ? <title>{String(r.value)}</title> : null}
        </rect>
      ))}
      {chart.labels.map((l) => (
        <text x={l.x.toFixed(1)} y={l.y.toFixed(1)} text-anchor={l.anchor} font-size={l.size} fill="#222">
          {l.text}
        </text>
      ))}
    </svg>
  );
}
