import type { Scene } from './scene.js';

/**
 * How a person says amounts and people, for the fuzz's requests: its own small tables, written apart
 * from errand's readers (`src/person/`, the offline reader), so the requests are not shaped by them.
 */

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A whole number below 10,000 in Chinese numerals: 35 → 三十五, 200 → 两百, 105 → 一百零五. */
export function zhNumber(n: number): string {
  if (n === 0) return '零';
  const units: [number, string][] = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
  ];
  let out = '';
  let rest = n;
  let gap = false;
  for (const [size, unit] of units) {
    const d = Math.floor(rest / size);
    rest %= size;
    if (d === 0) {
      if (out) gap = true;
      continue;
    }
    if (gap) out += '零';
    gap = false;
    const digit = d === 2 && size >= 100 ? '两' : ZH_DIGITS[d]!;
    out += size === 10 && d === 1 && !out ? unit : `${digit}${unit}`;
  }
  if (rest > 0) out += (gap ? '零' : '') + ZH_DIGITS[rest]!;
  return out;
}

const EN_SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** A whole number below 10,000 in English words: 35 → thirty-five, 1200 → one thousand two hundred. */
export function enNumber(n: number): string {
  if (n < 20) return EN_SMALL[n]!;
  if (n < 100) return EN_TENS[Math.floor(n / 10)]! + (n % 10 ? `-${EN_SMALL[n % 10]}` : '');
  if (n < 1000)
    return `${EN_SMALL[Math.floor(n / 100)]} hundred${n % 100 ? ` and ${enNumber(n % 100)}` : ''}`;
  return `${EN_SMALL[Math.floor(n / 1000)]} thousand${n % 1000 ? ` ${enNumber(n % 1000)}` : ''}`;
}

/** Ways of saying an amount of fen; which one is the caller's pick (0..). */
export function sayAmount(fen: number, lang: 'zh' | 'en', way: number): string {
  const yuan = Math.floor(fen / 100);
  const jiao = Math.round((fen % 100) / 10);
  const whole = fen % 100 === 0;
  if (lang === 'zh') {
    const ways = whole
      ? [`${yuan}元`, `${yuan}块`, `¥${yuan}`, `${zhNumber(yuan)}元`, `${zhNumber(yuan)}块钱`]
      : [
          `${(fen / 100).toFixed(2)}元`,
          `${zhNumber(yuan)}块${ZH_DIGITS[jiao]}`,
          `¥${(fen / 100).toFixed(1)}`,
        ];
    return ways[way % ways.length]!;
  }
  const ways = whole
    ? [`${yuan} yuan`, `¥${yuan}`, `${enNumber(yuan)} yuan`, `RMB ${yuan}`, `${yuan} RMB`]
    : [`${(fen / 100).toFixed(2)} yuan`, `¥${(fen / 100).toFixed(2)}`];
  return ways[way % ways.length]!;
}

/** What a request may call someone by their relation; the first word of each pair is the contact list's. */
const RELATION_WORDS: Record<string, string[]> = {
  母亲: ['妈妈', '老妈', '我妈', 'mom', 'mum'],
  父亲: ['爸爸', '老爸', '我爸', 'dad'],
  上司: ['领导', '老板', 'boss'],
  女朋友: ['女朋友', '女友', 'girlfriend'],
  房东: ['房东', 'landlord'],
  表姐: ['表姐', 'cousin'],
  健身教练: ['教练', '健身教练', 'trainer'],
  球友: ['球友'],
  客户: ['客户', 'client'],
  朋友: ['朋友', 'friend'],
  同事: ['同事', 'colleague'],
  外籍同事: ['同事', 'colleague'],
  大学同学: ['同学', '大学同学', 'classmate'],
  高中同学: ['同学', '高中同学', 'classmate'],
  邻居: ['邻居', 'neighbour', 'neighbor'],
  manager: ['my boss', 'my manager', 'boss', 'manager', '老板'],
  sister: ['my sister', 'sister', 'sis', '姐姐', '妹妹'],
  flatmate: ['my flatmate', 'flatmate', 'roommate', '室友'],
  landlord: ['my landlord', 'landlord', '房东'],
  director: ['the director', 'director', '总监'],
  'gym buddy': ['my gym buddy', 'gym buddy'],
  colleague: ['colleague', 'coworker', '同事'],
  friend: ['friend', '朋友'],
};

/** The relation words for a relation. */
export function relationWords(relation: string): string[] {
  return RELATION_WORDS[relation] ?? [relation];
}

/** Every name a contact goes by (names, nickname, parts of an English name), not relation words. */
export function contactNames(c: Scene['contacts'][number]): string[] {
  const bare = c.en.replace(/\s*\([^)]*\)/g, '').trim();
  const inner = [...c.en.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!);
  return [...new Set([c.zh, c.zh.replace('·', ''), c.en, bare, c.nickname, ...inner].filter(Boolean))];
}

const BILL_WORDS: Record<string, string[]> = {
  power: ['电费', 'electricity', 'power bill', 'electric bill'],
  mobile: ['话费', '手机费', 'phone bill', 'mobile bill'],
};

/** Words for a bill of a kind. */
export function billWords(kind: string): string[] {
  return BILL_WORDS[kind] ?? [kind];
}

function says(text: string, word: string): boolean {
  if (/[\u3400-\u9fff]/.test(word)) return text.includes(word);
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z])${escaped}`, 'i').test(text);
}

/**
 * Everyone the request text could be said to name, generously: any name, nickname, relation word,
 * group name or bill word in it. Generous on purpose: a planner intent for someone outside this set
 * names someone the request surely did not.
 */
export function namedIn(text: string, scene: Scene): Set<string> {
  const out = new Set<string>();
  for (const c of scene.contacts)
    if ([...contactNames(c), ...relationWords(c.relation)].some((n) => says(text, n))) out.add(c.id);
  for (const g of scene.groups) {
    const base = g.zh.replace(/群$/, '');
    if ([g.zh, base, g.en, ...g.en.split(/\s+/).filter((w) => w.length >= 4)].some((n) => says(text, n)))
      out.add(g.id);
  }
  for (const b of scene.bills)
    if ([...billWords(b.kind), ...b.payeeNames].some((n) => says(text, n))) out.add(b.payee);
  return out;
}
