/**
 * A cheap "is there text in this image?" test, run before OCR (which costs ~0.5–2 s per image on one
 * core, against ~1 ms here). Printed text is rows of short, strong, alternating horizontal edges
 * (strokes), densely packed along a line; photos and flat product shots have few such rows. On a
 * grayscale image downscaled to ≤ 400 px wide: per row, the share of pixels where the horizontal
 * gradient is strong; a text line is a run of ≥ 3 rows above ROW_EDGE_DENSITY. Pure: pixels in, verdict out.
 */

export const ROW_EDGE_DENSITY = 0.06;
const EDGE_STEP = 40;
const MIN_LINE_ROWS = 3;

export interface TextRegionVerdict {
  likely: boolean;
  /** Rows that look like text, in the analysed image. */
  textRows: number;
  /** Text-like line bands found (runs of text rows). */
  lines: number;
}

/** `gray`: one byte per pixel, row-major, `width` × `height`. */
export function detectTextRegions(gray: Uint8Array, width: number, height: number): TextRegionVerdict {
  if (width < 8 || height < 8 || gray.length < width * height) return { likely: false, textRows: 0, lines: 0 };
  let textRows = 0;
  let lines = 0;
  let run = 0;
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    let edges = 0;
    for (let x = 1; x < width; x += 1) if (Math.abs(gray[row + x]! - gray[row + x - 1]!) >= EDGE_STEP) edges += 1;
    if (edges / width >= ROW_EDGE_DENSITY) {
      textRows += 1;
      run += 1;
      if (run === MIN_LINE_ROWS) lines += 1;
    } else {
      run = 0;
    }
  }
  return { likely: lines >= 1, textRows, lines };
}
