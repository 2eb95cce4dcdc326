export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const pct = (part: number, whole: number) => `${Math.max(0, Math.min(100, (part / whole) * 100)).toFixed(2)}%`;

/** An image with the matched region outlined; the box is in the image's own pixels, drawn in percent. */
export function ImageFrame(props: { src: string; alt: string; width?: number | undefined; height?: number | undefined; region?: Box | undefined; caption?: string; link?: boolean }) {
  const { src, alt, width, height, region, caption } = props;
  const box =
    region && width && height ? (
      <span class="region" style={`left:${pct(region.x, width)};top:${pct(region.y, height)};width:${pct(region.w, width)};height:${pct(region.h, height)}`} />
    ) : null;
  const img = <img src={src} alt={alt} loading="lazy" {...(width && height ? { width, height } : {})} />;
  return (
    <span class="frame">
      {props.link === false ? img : <a href={src} target="_blank" rel="noopener">{img}</a>}
      {box}
      {caption ? <span class="cap">{caption}</span> : null}
    </span>
  );
}
