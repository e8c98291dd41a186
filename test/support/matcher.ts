import { expect, it } from 'vitest';
import { buildCatalogue } from '../../src/recipes/matcher/catalogue.js';
import { matchRequest } from '../../src/recipes/matcher/match.js';
import type { MatchedStep } from '../../src/recipes/matcher/types.js';
import { World } from '../../src/world/index.js';

/** Catalogues of real worlds at the start (Monday 2026-11-30 11:00 UTC+8), one per persona. */
export const catalogues = {
  li: buildCatalogue(World.open({ seed: 1 })),
  sam: buildCatalogue(World.open({ seed: 1, persona: 'sam' })),
};

/** A persona of the matcher tests. */
export type Persona = keyof typeof catalogues;

/** One test per phrasing: the matcher picks exactly these recipes and parameters. */
export function itMatches(cases: [Persona, string, MatchedStep[]][]): void {
  it.each(cases)('%s: %s', (persona, request, steps) => {
    expect(matchRequest(request, catalogues[persona])).toMatchObject({ kind: 'match', steps });
  });
}

/** One test per phrasing: the matcher is unsure, and `missing` names the problem. */
export function itIsUnsure(cases: [Persona, string, RegExp][]): void {
  it.each(cases)('%s: %s is unsure', (persona, request, missing) => {
    const result = matchRequest(request, catalogues[persona]);
    expect(result.kind).toBe('unsure');
    if (result.kind === 'unsure') expect(result.missing.join(' ')).toMatch(missing);
  });
}
