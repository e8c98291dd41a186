import { describe, expect, it } from 'vitest';
import { amountsIn, chineseNumber, groundedAddresses, mentions } from './grounding.js';

describe('grounding', () => {
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

  it('finds a Latin name written between Chinese characters, but not inside a longer word', () => {
    expect(mentions('给Emily发条消息', 'Emily')).toBe(true);
    expect(mentions('tell Sam I am late', 'Sam')).toBe(true);
    expect(mentions('Samantha is here', 'Sam')).toBe(false);
    expect(mentions('告诉王芳', '王芳')).toBe(true);
  });

  it('trusts only the address the request names, or every saved one when it names none', () => {
    const addresses = [
      { id: 'home', names: ['家', 'home'] },
      { id: 'office', names: ['公司', 'office'] },
      { id: 'parents', names: ['爸妈家'] },
    ];
    expect([...groundedAddresses({ request: '送到公司', people: [], addresses })]).toEqual(['office']);
    expect([...groundedAddresses({ request: 'deliver to the office', people: [], addresses })]).toEqual([
      'office',
    ]);
    expect([...groundedAddresses({ request: '点个外卖', people: [], addresses })].sort()).toEqual([
      'home',
      'office',
      'parents',
    ]);
  });
});
