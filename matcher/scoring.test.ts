import { describe, expect, it } from 'vitest';
import type { Signal } from './matcher.schema.ts';
import { KEYWORD_ALGORITHM, REPORT_THRESHOLD, scoreSignals, signalEvidence, TEXT_ALGORITHM, TITLE_ALGORITHM } from './scoring.ts';

const image = (distance: number, threshold = 31): Signal => ({
  kind: 'image',
  algorithm: 'pdq',
  score: 1 - distance / 128,
  distance,
  threshold,
  matched: distance <= threshold,
  explanation: `pdq ${distance}`,
});
const text = (score: number, algorithm = TEXT_ALGORITHM, threshold = 0.55): Signal => ({
  kind: 'text',
  algorithm,
  score,
  threshold,
  matched: score >= threshold,
  explanation: `${algorithm} ${score}`,
});

describe('signalEvidence', () => {
  it('puts every matched signal at or above the report threshold, and near misses well below', () => {
    expect(signalEvidence(image(0))).toBe(1);
    expect(signalEvidence(image(31))).toBeCloseTo(0.6);
    expect(signalEvidence(image(32))).toBeLessThanOrEqual(0.25);
    expect(signalEvidence(image(39))).toBe(0);
    expect(signalEvidence(text(0.55))).toBeCloseTo(0.55);
    expect(signalEvidence(text(1))).toBe(1);
    expect(signalEvidence(text(0.5))).toBeLessThanOrEqual(0.25);
    expect(signalEvidence(text(0.75, TITLE_ALGORITHM, 0.75))).toBeCloseTo(0.5);
    expect(signalEvidence(text(1, KEYWORD_ALGORITHM, 1))).toBe(0.2);
  });

  it('never trusts an image signal without a distance and threshold', () => {
    expect(signalEvidence({ kind: 'image', algorithm: 'pdq', score: 1, matched: true, explanation: '' })).toBe(0);
  });
});

describe('scoreSignals', () => {
  it('reports one matched signal on its own', () => {
    expect(scoreSignals([image(10)]).reported).toBe(true);
    expect(scoreSignals([text(0.8)]).reported).toBe(true);
  });

  it('does not report a near miss or a keyword alone, nor a keyword with a weak title', () => {
    expect(scoreSignals([image(33)]).reported).toBe(false);
    expect(scoreSignals([text(1, KEYWORD_ALGORITHM, 1)]).reported).toBe(false);
    expect(scoreSignals([text(1, KEYWORD_ALGORITHM, 1), text(0.4, TITLE_ALGORITHM, 0.75)]).reported).toBe(false);
  });

  it('lets different kinds of weak evidence add up, but not several of one kind', () => {
    const kinds = scoreSignals([image(32), text(0.5), text(1, KEYWORD_ALGORITHM, 1)]);
    expect(kinds.score).toBeGreaterThanOrEqual(REPORT_THRESHOLD);
    const sameKind = scoreSignals([image(32), image(32), image(33), image(32)]);
    expect(sameKind.reported).toBe(false);
  });

  it('orders signals by evidence and explains the sum', () => {
    const result = scoreSignals([text(0.6), image(5)]);
    expect(result.signals.map((s) => s.kind)).toEqual(['image', 'text']);
    expect(result.signals[0]!.evidence).toBeGreaterThan(0.9);
    expect(result.explanation).toMatch(/^image 0\.9\d \+ text-shingles 0\.\d\d → 0\.9\d \(report at 0\.5\)$/);
    expect(scoreSignals([]).explanation).toBe('no evidence → 0.00 (report at 0.5)');
  });
});
