import { describe, expect, it } from 'vitest';
import { readAmounts } from './amounts.js';
import { readNumber } from './text.js';

describe('numbers in words', () => {
  it.each([
    ['two hundred', 200],
    ['one hundred and fifty', 150],
    ['a hundred', 100],
    ['fifty-five', 55],
    ['twenty five', 25],
    ['a thousand two hundred', 1200],
    ['three thousand', 3000],
    ['二百', 200],
    ['两百五', 250],
    ['一千二', 1200],
    ['一百零五', 105],
    ['三十五', 35],
    ['一万二', 12000],
  ])('reads "%s" as %d', (words, value) => {
    expect(readNumber(words)).toBe(value);
  });

  it.each(['five three', 'a', 'hundred hundred fifty twenty'])(
    'does not read "%s" as one number',
    (words) => {
      expect(readNumber(words)).toBeUndefined();
    },
  );
});

describe('budgets in every common form', () => {
  it.each([
    ['<40', 4000],
    ['≤40', 4000],
    ['<= 40', 4000],
    ['不超过40', 4000],
    ['40以内', 4000],
    ['最多40块', 4000],
    ['max 40', 4000],
    ['under ¥40', 4000],
    ['no more than forty yuan', 4000],
    ['40 tops', 4000],
    ['预算四十', 4000],
    ['四十块封顶', 4000],
    ['two hundred yuan max', 20000],
    ['keep it below one hundred and fifty', 15000],
    ['顶多五十', 5000],
  ])('reads "%s" as a budget of %d fen', (text, fen) => {
    expect(readAmounts(text).map((a) => [a.fen, a.budget])).toEqual([[fen, true]]);
  });

  it('reads full-width digits as digits', () => {
    expect(readAmounts('４０元').map((a) => a.fen)).toEqual([4000]);
  });
});
