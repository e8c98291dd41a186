/**
 * Scoring the offline reader on a set of phrasings with their right readings, for the held-out and dev
 * sets: a reading is right (the exact recipes and parameters, or unsure when it should be), cautious
 * (unsure where it could have run: safe but a miss) or wrong (it would run something not asked for).
 */
import { isDeepStrictEqual } from 'node:util';
import { matchRequest } from './match.js';
import type { Catalogue, MatchedStep, MatchResult } from './types.js';

/** One phrasing and its right reading: the steps to run, or 'unsure'. */
export type ReadingCase<P extends string> = [persona: P, request: string, right: MatchedStep[] | 'unsure'];

/** How one reading compares with the right one. */
export type Verdict = 'right' | 'cautious' | 'wrong';

/** The verdict on one reading. */
export function verdictOf(result: MatchResult, right: MatchedStep[] | 'unsure'): Verdict {
  if (right === 'unsure') return result.kind === 'unsure' ? 'right' : 'wrong';
  if (result.kind === 'unsure') return 'cautious';
  return isDeepStrictEqual(result.steps, right) ? 'right' : 'wrong';
}

/** The score of a set: counts of each verdict, and the phrasings that were not right. */
export function scoreReadings<P extends string>(
  cases: ReadingCase<P>[],
  catalogues: Record<P, Catalogue>,
): { right: number; cautious: number; wrong: number; misses: string[] } {
  const score = { right: 0, cautious: 0, wrong: 0, misses: [] as string[] };
  for (const [persona, request, right] of cases) {
    const result = matchRequest(request, catalogues[persona]);
    const verdict = verdictOf(result, right);
    score[verdict] += 1;
    if (verdict !== 'right') {
      const got =
        result.kind === 'match' ? JSON.stringify(result.steps) : `unsure: ${result.missing.join(' / ')}`;
      score.misses.push(`${verdict} ${persona}: ${request} -> ${got}`);
    }
  }
  return score;
}
