/**
 * The other names things go by, derived from what the apps show: "Chuanwei" for "Chuanwei Kitchen",
 * "保温杯" for "保温杯 500ml". People's and addresses' names are `person/`'s.
 */
import { uniqueNames, withoutBrackets } from '../../person/index.js';

export { billNames, bracketed, uniqueNames, withoutBrackets } from '../../person/index.js';

const PACK_WORDS = new Set([
  '整箱',
  '一对',
  '三个装',
  '双拍套装',
  '包',
  '袋',
  '支',
  '片',
  '装',
  'x',
  '×',
  'pair',
  'packs',
  'pack',
]);

/** A product name without its pack size: "可调节哑铃 20kg 一对" → "可调节哑铃", "Coffee Beans 500g" → "Coffee Beans". */
export function withoutPackSize(name: string): string {
  const parts = withoutBrackets(name).split(/\s+/);
  while (parts.length > 1) {
    const last = parts[parts.length - 1]!;
    if (/\d/.test(last) || PACK_WORDS.has(last.toLowerCase())) parts.pop();
    else break;
  }
  return parts.join(' ');
}

/** A name with its spaces removed, as people type Chinese: "纯棉圆领 T 恤" → "纯棉圆领T恤". */
export function compact(name: string): string {
  return /[\u3400-\u9fff]/.test(name) ? name.replace(/\s+/g, '') : name;
}

const SHOP_SUFFIX_ZH = /(小馆|茶餐厅|餐厅|饭店|酒家|酒馆|小院|菜馆|面馆|家韩餐)$/;
const SHOP_SUFFIX_EN = /\s+(Kitchen|Restaurant|House|Coffee|Pizzeria|Express|Home Kitchen|Home)$/i;

/** The short names of a restaurant: "川味小馆" → "川味", "Chuanwei Kitchen" → "Chuanwei". */
export function restaurantShortNames(nameZh: string, nameEn: string): string[] {
  const zh = nameZh.replace(SHOP_SUFFIX_ZH, '');
  const en = nameEn.replace(SHOP_SUFFIX_EN, '');
  return [
    zh.length >= 2 && zh !== nameZh ? zh : undefined,
    en.length >= 3 && en !== nameEn ? en : undefined,
  ].filter((n): n is string => !!n);
}

/** Aliases from a maps place's `aliases` field: space-separated, with English words kept together. */
export function placeAliases(aliases: string): string[] {
  const out: string[] = [];
  for (const token of aliases.split(/\s+/).filter(Boolean)) {
    const prev = out[out.length - 1];
    if (
      prev &&
      /^[A-Za-z]/.test(token) &&
      /[A-Za-z]$/.test(prev) &&
      /^[A-Z]/.test(token) &&
      !/^[A-Z]+$/.test(token)
    )
      out[out.length - 1] = `${prev} ${token}`;
    else out.push(token);
  }
  return out;
}

/**
 * The names of a dish option choice: "套餐（薯条+可乐）" is also "套餐", "Combo (fries + cola)" also
 * "Combo", "加一份浓缩" also "加浓缩", "Extra espresso shot" also "extra shot".
 */
export function optionNames(nameZh: string, nameEn: string): string[] {
  const zh = withoutBrackets(nameZh);
  const en = withoutBrackets(nameEn);
  const words = en.split(/\s+/);
  return uniqueNames([
    nameZh,
    nameEn,
    zh,
    en,
    zh.replace(/^加一份/, '加'),
    words.length > 2 ? `${words[0]} ${words.at(-1)}` : undefined,
  ]);
}
