import { describe, expect, it } from 'vitest';
import { spreadKeypoints } from './orb.features.ts';

describe('spreadKeypoints', () => {
  it('keeps everything under the budget', () => {
    expect(spreadKeypoints([1, 2, 3], [1, 2, 3], [5, 4, 3], 100, 100, 10)).toEqual([0, 1, 2]);
  });

  it('takes each cell\'s strongest before any cell\'s second: a busy patch cannot take the whole budget', () => {
    // 20 strong keypoints in the top-left cell (a caption), 4 weak ones elsewhere.
    const xs = [...Array.from({ length: 20 }, (_, i) => 1 + (i % 5)), 60, 90, 60, 90];
    const ys = [...Array.from({ length: 20 }, (_, i) => 1 + Math.floor(i / 5)), 60, 60, 90, 90];
    const responses = [...Array.from({ length: 20 }, (_, i) => 100 - i), 1, 2, 3, 4];
    const kept = spreadKeypoints(xs, ys, responses, 100, 100, 8, 4, 0);
    expect(kept).toHaveLength(8);
    expect(kept.filter((i) => i >= 20).sort()).toEqual([20, 21, 22, 23]);
    // The busy cell's four strongest fill the rest, in index order.
    expect(kept.filter((i) => i < 20)).toEqual([0, 1, 2, 3]);
  });

  it('keeps the strongest share of the budget as ORB ranks them, and spreads the rest', () => {
    const xs = [...Array.from({ length: 20 }, (_, i) => 1 + (i % 5)), 60, 90, 60, 90];
    const ys = [...Array.from({ length: 20 }, (_, i) => 1 + Math.floor(i / 5)), 60, 60, 90, 90];
    const responses = [...Array.from({ length: 20 }, (_, i) => 100 - i), 1, 2, 3, 4];
    // Half of 8: the four strongest (all in the busy cell), then one per other cell.
    expect(spreadKeypoints(xs, ys, responses, 100, 100, 8, 4, 0.5)).toEqual([0, 1, 2, 3, 20, 21, 22, 23]);
    // Half of 10: five strongest, then the four other cells, then the busy cell's next.
    expect(spreadKeypoints(xs, ys, responses, 100, 100, 10, 4, 0.5)).toEqual([0, 1, 2, 3, 4, 5, 20, 21, 22, 23]);
  });
});
