import { describe, expect, it } from 'vitest';
import { amountsIn } from './amounts.js';
import { chineseNumber } from './numbers.js';

describe('numbers and amounts', () => {
  it.each([
    ['二十', 20],
    ['一百五', 150],
    ['一百零五', 105],
    ['两千五', 2500],
    ['一万二', 12000],
    ['三百', 300],
    ['十五', 15],
  ])('reads the Chinese numeral %s as %d', (text, n) => {
    expect(chineseNumber(text)).toBe(n);
  });

  it.each([
    ['给王芳转20元', [2000]],
    ['转200给妈妈', [20000]],
    ['给妈妈转账 200', [20000]],
    ['一百五块', [15000]],
    ['¥12.50 的话费', [1250]],
    ['send Tom 50 yuan', [5000]],
    ['transfer Tom 50', [5000]],
    ['买两杯拿铁', []],
    ['转3个文件给他', []],
    ['pay at 3pm', []],
  ])('finds the amounts in %s', (text, fen) => {
    expect(amountsIn(text).sort()).toEqual(fen);
  });
});
