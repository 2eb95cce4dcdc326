import { describe, expect, it } from 'vitest';
import { localizedMessage, ValidationError } from '../../core/errors/errors.ts';
import { parseInput } from './registry.scope.ts';
import { markInputSchema } from './registry.types.ts';

describe('parseInput', () => {
  it('refuses with field paths in English for REST and in Vietnamese for the forms', () => {
    let caught: unknown;
    try {
      parseInput(markInputSchema, { name: 'Gốm Phù Lãng', kind: 'collective', owner: 'HTX', niceClasses: [46] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.message).toMatch(/^niceClasses\.0: /);
    expect(localizedMessage(error, 'vi')).toMatch(/^niceClasses\.0: Quá lớn/);
    expect(localizedMessage(error, 'en')).toBe(error.message);
  });
});
