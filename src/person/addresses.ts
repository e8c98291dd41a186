/**
 * The person's own addresses by what they call them: 家 / home, 公司 / 单位 / office / work, 爸妈家 /
 * parents — and where a request says to deliver ("送到公司", "ship it home"). One table for the
 * offline reader, the planner's checks and the guard.
 */

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

/** Names without duplicates or blanks, in order. */
function unique(names: (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const s = n?.trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** The names of a saved address: its Chinese label, its English label, then the usual names of its kind. */
export function addressNames(labels: string[]): string[] {
  const kind = labels.map(addressKindOfLabel).find((k) => k !== undefined);
  const usual = kind ? ADDRESS_NAMES[kind] : [];
  const zh = labels.find((l) => /[\u3400-\u9fff]/.test(l)) ?? usual[0];
  const en = labels.find((l) => !/[\u3400-\u9fff]/.test(l)) ?? usual[1];
  return unique([zh, en, ...labels, ...usual]);
}

/** The kind of a saved address from its names (the second name of each kind is its English label). */
export function addressKind(names: string[]): AddressKind | undefined {
  for (const kind of Object.keys(ADDRESS_NAMES) as AddressKind[]) {
    if (ADDRESS_NAMES[kind].some((n) => names.includes(n))) return kind;
  }
  return undefined;
}

/**
 * The words for each kind of place, as patterns. 家 is home only as a word of its own: not in 家人,
 * 家常, 家具, 家电 or 家乐福 — and it needs a word for going there before it (see `deliveryKind`), so
 * "那家川味小馆" says nothing of home.
 */
const KIND_WORDS: [AddressKind, string][] = [
  [
    'parents',
    "爸妈家|父母家|爸妈那(?:儿|里)?|父母那(?:儿|里)?|妈妈家|爸爸家|我妈家|我爸家|parents'?s?(?:\\s+(?:place|home|house))?|(?:mom|mum|dad)'s (?:place|house)",
  ],
  ['office', '公司|单位|办公室|工位|写字楼|office|work(?:place)?'],
  [
    'home',
    '家里|家(?![人乐常具居电庭族乡务政属长教])|home|(?:my|our) (?:place|house|apartment|flat)|the apartment|the flat',
  ],
];

/** The kind of address a word names on its own ("公司", "home"), if it is one. */
export function addressKindOfWord(word: string): AddressKind | undefined {
  const w = word.trim().replace(/^(?:我的|我|the\s+|my\s+)/i, '');
  for (const [kind, words] of KIND_WORDS) if (new RegExp(`^(?:${words})$`, 'i').test(w)) return kind;
  return undefined;
}

/** Where a request says to deliver or ship: "送到公司", "寄到家里", "to the office", "ship home". */
export function deliveryKind(
  text: string,
): { kind: AddressKind; span: { start: number; end: number } } | undefined {
  // The last one said wins: "不要送到公司，送到家" goes home.
  let last: { kind: AddressKind; span: { start: number; end: number } } | undefined;
  for (const [kind, words] of KIND_WORDS) {
    const zh = new RegExp(
      `(?:送到|送去|送至|送往|送回|寄到|寄去|寄往|寄至|寄回|发到|配送到|送|寄|到|回|地址(?:是|用|选)?)\\s*(?:我的?|我们)?(?:${words})`,
      'gi',
    );
    const en = new RegExp(
      `\\b(?:to|at|deliver(?:ed)?|ship(?:ped)?|send)\\s+(?:the\\s+|my\\s+)?(?:${words})\\b`,
      'gi',
    );
    const theirs =
      kind === 'parents' && /爸妈|父母|我爸|我妈|爸爸|妈妈/.test(text)
        ? [...text.matchAll(/(?:送到|送去|送至|送往|寄到|寄去|发到|到)\s*他们(?:家|那(?:儿|里)?)/g)]
        : [];
    for (const m of [...text.matchAll(zh), ...text.matchAll(en), ...theirs]) {
      if (!last || m.index > last.span.start)
        last = { kind, span: { start: m.index, end: m.index + m[0].length } };
    }
  }
  return last;
}

/**
 * True when the request sends something to a place that is not one of the person's saved addresses
 * ("送到他家", "to her place", "送到人民广场"): the default address would be a guess.
 */
export function namesOtherPlace(text: string): boolean {
  return /(?:送到|送去|寄到|寄去|发到|到)\s*(?:他|她|他们|她们|[^\s，,。]{1,4}?的)(?:家|那(?:儿|里))|\bto (?:his|her|their|[A-Z][a-z]+'s) (?:place|house|home|flat|apartment)\b/.test(
    text,
  );
}
