import { describe, expect, it } from 'vitest';
import { World } from '../world/index.js';
import { deliveryKind, deliveryPlaces, namesOtherPlace } from './addresses.js';
import { fold } from './names.js';
import { isRelationWord } from './relations.js';
import { readPersonWorld } from './from-world.js';
import { partiesIn, partyId } from './world.js';

describe('where a request says to deliver', () => {
  it.each([
    ['送到人民广场', 'elsewhere', '人民广场'],
    ['送到王芳家', 'elsewhere', '王芳家'],
    ['送到我朋友那里', 'elsewhere', '我朋友那里'],
    ['寄给妈妈', 'elsewhere', '妈妈'],
    ['送到公司', 'office', '公司'],
    ['寄到我家', 'home', '我家'],
    ['送过来', 'here', '过来'],
    ["deliver it to Tom's place", 'elsewhere', "Tom's place"],
    ["to People's Square", 'elsewhere', "People's Square"],
    ['ship it to my sister', 'elsewhere', 'my sister'],
    ['to the office', 'office', 'the office'],
    ['ship it home', 'home', 'home'],
  ])('reads "%s" as %s (%s)', (text, where, said) => {
    expect(deliveryPlaces(fold(text)).map((p) => [p.where, p.said])).toEqual([[where, said]]);
  });

  it('keeps what it says not to do apart', () => {
    const places = deliveryPlaces('不要送到公司，送到家');
    expect(places.map((p) => [p.where, p.negated])).toEqual([
      ['office', true],
      ['home', false],
    ]);
    expect(deliveryKind('不要送到公司，送到家')?.kind).toBe('home');
  });

  it('finds no place in words that only look like one', () => {
    for (const text of [
      'I would like to order a latte',
      'order a latte to go',
      '点一份家常快餐',
      '叫个外卖送一份',
    ])
      expect(deliveryPlaces(fold(text))).toEqual([]);
  });

  it('says a place is not a saved address', () => {
    expect(namesOtherPlace('送到他家')).toBe(true);
    expect(namesOtherPlace('to her place')).toBe(true);
    expect(namesOtherPlace('送到公司')).toBe(false);
  });
});

describe('people by name, pinyin and relation word', () => {
  const li = readPersonWorld(World.open({ seed: 1 }));
  const ids = (text: string) => partiesIn(li, fold(text)).map((m) => m.candidates.map(partyId));

  it('reads a Chinese name written in pinyin, with or without the space, in any case', () => {
    for (const text of ['Wang Fang', 'wangfang', 'WANG FANG', 'tell wang fang', '给Ｗａｎｇ Ｆａｎｇ转'])
      expect(ids(text)).toEqual([['p_wangfang']]);
  });

  it('does not read a pinyin name turned around or a given name alone', () => {
    expect(ids('Fang Wang')).toEqual([]);
    expect(ids('tell Fang')).toEqual([]);
  });

  it('keeps names that sound the same as two people', () => {
    expect(ids('Zhang Wei')).toEqual([['p_zhangwei', 'p_zhangwei2']]);
  });

  it('reads relation words in both languages', () => {
    for (const word of ['妈咪', '老妈', '妈妈', 'mum']) expect(ids(word)).toEqual([['p_liuxiuying']]);
    expect(ids('女友')).toEqual([['p_hanxue']]);
    expect(ids('领导')).toEqual([['p_chenjing']]);
    expect(isRelationWord('Mum')).toBe(true);
    expect(isRelationWord('supervisor')).toBe(true);
    expect(isRelationWord('Tom')).toBe(false);
  });
});
