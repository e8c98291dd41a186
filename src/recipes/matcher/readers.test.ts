import { describe, expect, it } from 'vitest';
import { WORLD_EPOCH_MS } from '../../world/clock.js';
import { readAmounts, readBudget } from './amounts.js';
import { readDuration } from './durations.js';
import { splitClauses } from './intents.js';
import { readQuantity } from './quantities.js';
import { findName } from './text.js';
import { readTime } from './times.js';

// The world starts on Monday 2026-11-30 at 11:00 in UTC+8.
const NOW = WORLD_EPOCH_MS;

describe('amount reader', () => {
  it.each([
    ['40元', 4000, false],
    ['¥40', 4000, false],
    ['￥40', 4000, false],
    ['40 yuan', 4000, false],
    ['RMB 12.5', 1250, false],
    ['四十块', 4000, false],
    ['两百块钱', 20000, false],
    ['二十块的宫保鸡丁', 2000, false],
    ['一百五十元', 15000, false],
    ['forty yuan', 4000, false],
    ['¥１２', 1200, false],
    ['under 40', 4000, true],
    ['40块以内', 4000, true],
    ['40以内', 4000, true],
    ['不超过四十元', 4000, true],
    ['budget of 40', 4000, true],
    ['预算五十', 5000, true],
    ['no more than 45 yuan', 4500, true],
    ['最多60块', 6000, true],
  ])('reads %s as %i fen (budget: %s)', (text, fen, budget) => {
    const [amount, ...rest] = readAmounts(text);
    expect(rest).toEqual([]);
    expect(amount).toMatchObject({ fen, budget });
  });

  it.each([
    ['一块蛋糕', 'a piece of cake'],
    ['最多两杯', 'a count of cups'],
    ['within 30 minutes', 'a length of time'],
    ['up to 3 cups', 'a count'],
    ['明天下午3点', 'a time'],
  ])('reads no money in %s (%s)', (text) => {
    expect(readAmounts(text)).toEqual([]);
  });

  it('finds the budget among other amounts', () => {
    expect(readBudget('菜20元，总共不超过50元')).toBe(5000);
    expect(readBudget('order two lattes')).toBeUndefined();
  });

  it('gives the span of the amount, cap words included', () => {
    const text = '点一份宫保鸡丁，40块以内';
    const [a] = readAmounts(text);
    expect(text.slice(a!.span.start, a!.span.end)).toBe('40块以内');
  });
});

describe('time reader', () => {
  it.each([
    ['明天下午3点', '2026-12-01T15:00'],
    ['后天上午十点半', '2026-12-02T10:30'],
    ['周三下午两点', '2026-12-02T14:00'],
    ['下周一9点', '2026-12-07T09:00'],
    ['tomorrow at 3pm', '2026-12-01T15:00'],
    ['Friday 2:30pm', '2026-12-04T14:30'],
    ['at 10am on Dec 3', '2026-12-03T10:00'],
    ['12月2日15:00', '2026-12-02T15:00'],
    ['今晚8点', '2026-11-30T20:00'],
    ['中午12点', '2026-11-30T12:00'],
    ['下午3点', '2026-11-30T15:00'],
    ['3点', '2026-11-30T15:00'],
    ['十二月五日下午三点一刻', '2026-12-05T15:15'],
    ['明天下午三点零五分', '2026-12-01T15:05'],
    ['明早8点半', '2026-12-01T08:30'],
    ['周日下午4点', '2026-12-06T16:00'],
    ['星期五晚上七点', '2026-12-04T19:00'],
    ['下下周三上午9点', '2026-12-16T09:00'],
    ['next Monday at 9am', '2026-12-07T09:00'],
    ['this Friday at noon', '2026-12-04T12:00'],
    ['Dec 1st at 9:30', '2026-12-01T09:30'],
    ['the 4th at 4pm', '2026-12-04T16:00'],
    ['2026-12-10 14:00', '2026-12-10T14:00'],
    ['tomorrow afternoon at 3', '2026-12-01T15:00'],
    ['the day after tomorrow at 11am', '2026-12-02T11:00'],
    ['at 5 tomorrow', '2026-12-01T17:00'],
    ['half past 2 on Thursday', '2026-12-03T14:30'],
    ['1月5日上午10点', '2027-01-05T10:00'],
  ])('reads %s as %s', (text, local) => {
    expect(readTime(text, NOW)).toMatchObject({ ok: true, local });
  });

  it.each([
    ['天气不错', 'none'],
    ['今天天气不错', 'no_clock'],
    ['明天', 'no_clock'],
    ['tomorrow afternoon', 'no_clock'],
    ['上午9点', 'past'],
    ['今天早上8点', 'past'],
    ['2月30日10点', 'invalid'],
    ['明天25点', 'invalid'],
  ])('says why %s is not a time (%s)', (text, reason) => {
    expect(readTime(text, NOW)).toMatchObject({ ok: false, reason });
  });

  it('reads a past hour as past, with the time it would have been', () => {
    expect(readTime('上午9点', NOW)).toEqual({
      ok: false,
      reason: 'past',
      span: { start: 0, end: 4 },
      local: '2026-11-30T09:00',
    });
  });

  it('reads relative days against the clock it is given', () => {
    const friday = Date.parse('2026-12-04T20:00:00+08:00');
    expect(readTime('明天上午10点', friday)).toMatchObject({ ok: true, local: '2026-12-05T10:00' });
    expect(readTime('周一上午10点', friday)).toMatchObject({ ok: true, local: '2026-12-07T10:00' });
    expect(readTime('下周一上午10点', friday)).toMatchObject({ ok: true, local: '2026-12-07T10:00' });
    expect(readTime('tomorrow at 9am', Date.parse('2026-12-31T22:00:00+08:00'))).toMatchObject({
      ok: true,
      local: '2027-01-01T09:00',
    });
  });
});

describe('duration reader', () => {
  it.each([
    ['半小时', 30],
    ['半个小时', 30],
    ['1小时', 60],
    ['一个小时', 60],
    ['两个小时', 120],
    ['一个半小时', 90],
    ['1小时30分钟', 90],
    ['45分钟', 45],
    ['一刻钟', 15],
    ['45 minutes', 45],
    ['half an hour', 30],
    ['an hour', 60],
    ['1.5 hours', 90],
    ['an hour and a half', 90],
    ['a 30-minute sync', 30],
    ['90-minute review', 90],
    ['for 1 hour 15 minutes', 75],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(readDuration(text)?.minutes).toBe(minutes);
  });

  it('reads no length in a clock time', () => {
    expect(readDuration('明天下午3点')).toBeUndefined();
    expect(readDuration('tomorrow at 3pm')).toBeUndefined();
  });
});

describe('quantity reader', () => {
  it.each([
    ['两杯', 2],
    ['一份', 1],
    ['3个', 3],
    ['十份', 10],
    ['来杯拿铁', 1],
    ['买根数据线', 1],
    ['拿铁x2', 2],
    ['拿铁×3', 3],
    ['two lattes', 2],
    ['a latte', 1],
    ['2 cups of coffee', 2],
    ['a couple of croissants', 2],
  ])('reads %s as %i', (text, count) => {
    expect(readQuantity(text)?.count).toBe(count);
  });

  it('reads an English count only just before the thing named', () => {
    const text = 'Get me a kung pao chicken from Chuanwei';
    const item = { start: text.indexOf('kung'), end: text.indexOf(' from') };
    expect(readQuantity(text, item)?.count).toBe(1);
    const shoes = 'buy size 42 running shoes';
    expect(readQuantity(shoes, { start: shoes.indexOf('running'), end: shoes.length })).toBeUndefined();
  });

  it('reads no count where there is none', () => {
    expect(readQuantity('宫保鸡丁')).toBeUndefined();
    expect(readQuantity('three')).toBeUndefined();
  });
});

describe('name finder', () => {
  it('finds Chinese names anywhere and Latin names as whole words, plurals allowed', () => {
    expect(findName('告诉王芳我到了', '王芳')).toEqual([{ start: 2, end: 4 }]);
    expect(findName('tell Sam I am late', 'Sam')).toHaveLength(1);
    expect(findName('the same as before', 'Sam')).toEqual([]);
    expect(findName('two lattes please', 'Latte')).toHaveLength(1);
    expect(findName('买一根USB-C数据线', 'USB-C 数据线')).toEqual([{ start: 3, end: 11 }]);
  });
});

describe('clause splitter', () => {
  it('splits where a new part begins with a verb of its own', () => {
    const parts = splitClauses('帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭');
    expect(parts.map((p) => [p.text, p.intent])).toEqual([
      ['帮我从川味小馆点一份宫保鸡丁送到公司，40元以内', 'acquire'],
      ['告诉王芳我中午不回去吃饭', 'message'],
    ]);
  });

  it('keeps a message whole when what follows a comma has no verb', () => {
    expect(splitClauses('告诉王芳我中午不回去吃饭，晚上见').map((p) => p.text)).toEqual([
      '告诉王芳我中午不回去吃饭，晚上见',
    ]);
    expect(splitClauses('tell Tom I am at home and the door is open').map((p) => p.text)).toHaveLength(1);
  });

  it('splits English requests at "and" before a verb', () => {
    expect(splitClauses('order a latte and tell Emily I will be late').map((p) => p.intent)).toEqual([
      'acquire',
      'message',
    ]);
  });
});
