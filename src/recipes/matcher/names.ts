/**
 * The other names things go by, derived from what the apps show: "Chuanwei" for "Chuanwei Kitchen",
 * "保温杯" for "保温杯 500ml", "Vivian" for "Zhang Wei (Vivian)", "公司" / "office" for a saved address.
 */

/** Names without duplicates or blanks, in order. */
export function uniqueNames(names: (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const s = n?.trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** The name without a bracketed part: "汉庭酒店（虹桥站店）" → "汉庭酒店", "Beef Tacos (3)" → "Beef Tacos". */
export function withoutBrackets(name: string): string {
  return name.replace(/\s*[（(][^）)]*[）)]\s*/g, ' ').trim();
}

/** The bracketed parts of a name: "Zhang Wei (Vivian)" → ["Vivian"]. */
export function bracketed(name: string): string[] {
  return [...name.matchAll(/[（(]([^）)]*)[）)]/g)].map((m) => m[1]!.trim()).filter(Boolean);
}

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

/** The kinds of saved address a request can name. */
export type AddressKind = 'home' | 'office' | 'parents';

const ADDRESS_NAMES: Record<AddressKind, string[]> = {
  home: ['家', 'Home'],
  office: ['公司', 'Office'],
  parents: ['爸妈家', "Parents' home"],
};

/** The kind of a saved address from its label. */
export function addressKindOfLabel(label: string): AddressKind | undefined {
  if (/爸妈|父母|parent/i.test(label)) return 'parents';
  if (/公司|单位|办公|office|work/i.test(label)) return 'office';
  if (/家|home/i.test(label)) return 'home';
  return undefined;
}

/** The names of a saved address: its Chinese label, its English label, then the usual names of its kind. */
export function addressNames(labels: string[]): string[] {
  const kind = labels.map(addressKindOfLabel).find((k) => k !== undefined);
  const usual = kind ? ADDRESS_NAMES[kind] : [];
  const zh = labels.find((l) => /[\u3400-\u9fff]/.test(l)) ?? usual[0];
  const en = labels.find((l) => !/[\u3400-\u9fff]/.test(l)) ?? usual[1];
  return uniqueNames([zh, en, ...labels, ...usual]);
}

/** The kind of a saved address from its names (the second name of each kind is its English label). */
export function addressKind(names: string[]): AddressKind | undefined {
  for (const kind of Object.keys(ADDRESS_NAMES) as AddressKind[]) {
    if (ADDRESS_NAMES[kind].some((n) => names.includes(n))) return kind;
  }
  return undefined;
}

/** What people call a bill of each kind, from its reference ("bill:power:2026-11"). */
const BILL_WORDS: Record<string, string[]> = {
  power: ['电费', 'electricity bill', 'electric bill', 'power bill', 'electricity'],
  mobile: ['话费', '手机费', '电话费', 'phone bill', 'mobile bill', 'cell phone bill'],
  water: ['水费', 'water bill'],
  gas: ['燃气费', '煤气费', 'gas bill'],
  internet: ['网费', '宽带费', 'internet bill', 'broadband bill'],
  property: ['物业费', 'property fee'],
  food: ['外卖', '外卖订单', 'food order', 'takeout', 'takeaway', 'delivery order'],
  shop: ['网购订单', 'shop order', 'online order'],
};

/** The names a payment request goes by: what it is for, who asks, and the usual words for its kind. */
export function billNames(memo: string, reference: string, merchant: string[]): string[] {
  const [app, kind] = reference.split(':');
  const words = app === 'bill' ? (BILL_WORDS[kind ?? ''] ?? []) : (BILL_WORDS[app ?? ''] ?? []);
  return uniqueNames([...memo.split(' / '), ...merchant, ...words]);
}

/** What people call an English-named group by one of its words: "the lunch group" for "Team Lunch". */
export function englishGroupWords(title: string): string[] {
  return title
    .split(/\s+/)
    .filter((w) => w.length >= 4)
    .flatMap((w) => [`${w} group`, `${w} chat`]);
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
