import { afterAll, describe, expect, it } from 'vitest';
import { World } from '../world/index.js';
import {
  addressName,
  clean,
  deliveryKind,
  fold,
  hasInvisible,
  mentions,
  namedIds,
  namesOtherPlace,
  partiesIn,
  partyId,
  partyName,
  readPersonWorld,
} from './index.js';

/** The person's world, read from a real seeded sandbox, and names matched as names. */
const liming = World.open({ seed: 1, persona: 'liming' });
const sam = World.open({ seed: 1, persona: 'sam' });
afterAll(() => {
  liming.close();
  sam.close();
});
const li = readPersonWorld(liming);
const en = readPersonWorld(sam);

describe('whole names', () => {
  it('finds a Latin name between Chinese characters, never inside a longer word', () => {
    expect(mentions('给Emily发条消息', 'Emily')).toBe(true);
    expect(mentions('tell Sam I am late', 'Sam')).toBe(true);
    expect(mentions('Samantha is here', 'Sam')).toBe(false);
    expect(mentions('Tomato soup', 'Tom')).toBe(false);
    expect(mentions('告诉王芳', '王芳')).toBe(true);
  });

  it('takes out characters that show nothing, so a disguised name is the name it shows', () => {
    const disguised = '王\u200b芳';
    expect(hasInvisible(disguised)).toBe(true);
    expect(clean(disguised)).toBe('王芳');
    expect(fold(clean('ｐ＿ｗａｎｇ\u200bｆａｎｇ'))).toBe('p_wangfang');
    expect(clean('帮我点，40元以内')).toBe('帮我点，40元以内');
  });
});

describe('the person’s world', () => {
  it('reads contacts, groups, billers and saved addresses from the apps', () => {
    expect(li.me).toMatchObject({ id: 'p_liming', language: 'zh' });
    expect(li.contacts.find((c) => c.id === 'p_liuxiuying')).toMatchObject({ relation: '母亲' });
    expect(li.groups.map((g) => g.id)).toContain('grp_liming_family');
    expect(li.billers.map((b) => b.id).sort()).toEqual(['m_mobile', 'm_power']);
    expect(li.addresses.map((a) => `${a.app}:${a.kind}`)).toEqual(
      expect.arrayContaining(['food:home', 'food:office', 'food:parents', 'shop:home', 'shop:office']),
    );
  });

  it('names people by name, nickname and relation word, in both languages', () => {
    const ids = (text: string, who = li) => [...namedIds(who, text)].sort();
    expect(ids('给妈咪转200')).toEqual(['p_liuxiuying']);
    expect(ids('告诉我老妈和王芳')).toEqual(['p_liuxiuying', 'p_wangfang']);
    expect(ids('tell my boss I am late', en)).toEqual(['p_priya']);
    expect(ids('在家人群里说一声')).toEqual(['grp_liming_family']);
  });

  it('does not name anyone when a relation fits several, and says who it could be', () => {
    const m = partiesIn(li, '告诉同事我晚点到');
    expect(m).toHaveLength(1);
    expect(m[0]!.byName).toBe(false);
    expect(m[0]!.candidates.length).toBeGreaterThan(1);
    expect(namedIds(li, '告诉同事我晚点到').size).toBe(0);
    expect(
      partiesIn(li, 'Zhang Wei')
        .flatMap((x) => x.candidates.map(partyId))
        .sort(),
    ).toEqual(['p_zhangwei', 'p_zhangwei2']);
  });

  it('shows people and addresses as the person calls them', () => {
    expect(partyName(li, 'p_liuxiuying')).toBe('妈妈（刘秀英）');
    expect(partyName(li, 'p_wangfang')).toBe('王芳');
    expect(partyName(en, 'p_tom')).toBe('Tom Baker');
    expect(partyName(li, 'p_nobody')).toBe('p_nobody');
    expect(addressName(li, 'addr_liming_office')).toBe('公司');
    expect(addressName(en, 'addr_sam_home')).toBe('Home');
  });
});

describe('where to deliver', () => {
  it('reads the place said, the last one winning', () => {
    expect(deliveryKind('送到公司')?.kind).toBe('office');
    expect(deliveryKind('不要送到公司，送到家')?.kind).toBe('home');
    expect(deliveryKind('ship it to my parents’ place'.replace('’', "'"))?.kind).toBe('parents');
    expect(deliveryKind('deliver to the office')?.kind).toBe('office');
  });

  it('does not read 家 inside another word, nor "那家" as home', () => {
    expect(deliveryKind('从家常快餐点一份盖饭')).toBeUndefined();
    expect(deliveryKind('那家川味小馆的宫保鸡丁')).toBeUndefined();
    expect(deliveryKind('送到家人群')).toBeUndefined();
  });

  it('knows a place that is not a saved address', () => {
    expect(namesOtherPlace('送到他家')).toBe(true);
    expect(namesOtherPlace("deliver to Tom's place")).toBe(true);
    expect(namesOtherPlace('送到公司')).toBe(false);
  });
});
