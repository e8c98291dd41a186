/**
 * Reads the options a request asks of each dish ("半糖少冰", "large iced", "make it a combo meal")
 * against the dish's own option groups from the menu. A word that is an option of no dish said, or
 * that could be several choices, is asked about rather than guessed: an order is paid for.
 */
import { findMentions, type Lang, type Span, t } from './text.js';
import type { Catalogue } from './types.js';

type Dish = Catalogue['dishes'][number];
type Choice = Dish['options'][number]['choices'][number];

/** One dish line as the order reader has it: the dish, and where the request names it. */
export interface OptionLine {
  dish: Dish;
  span: Span;
  name: string;
}

/** The options read for each line, in the order of the lines, or what is missing. */
export type OptionsRead =
  | { kind: 'options'; lines: { ids: string[]; said: string[]; surchargeFen: number }[]; spans: Span[] }
  | { kind: 'unsure'; missing: string };

/** Every option word of every dish in the catalogue, so one said of the wrong dish is noticed. */
function optionWords(cat: Catalogue): { item: string; name: string }[] {
  const words = new Set<string>();
  for (const d of cat.dishes)
    for (const g of d.options) for (const c of g.choices) for (const n of c.names) words.add(n);
  return [...words].map((name) => ({ item: name, name }));
}

const optionWordCache = new WeakMap<Catalogue, { item: string; name: string }[]>();

function choicesNamed(dish: Dish, word: string): { choice: Choice; group: string; multi: boolean }[] {
  const lower = word.toLowerCase();
  return dish.options.flatMap((g) =>
    g.choices
      .filter((c) => c.names.some((n) => n.toLowerCase() === lower))
      .map((choice) => ({ choice, group: g.key, multi: g.multi })),
  );
}

/** Words that part one dish's words from the next: a comma, "加", "和", "and". */
const PARTING = /[，,、；;。]|\band\b|\bplus\b|和|加|还有|再/i;

/**
 * The line an option word belongs to: the one dish said that has such an option, else the dish it
 * stands next to without a comma or "and" between. Undefined when that does not settle it.
 */
function lineOf(lines: OptionLine[], at: Span, word: string, text: string): OptionLine | undefined {
  const having = lines.filter((l) => choicesNamed(l.dish, word).length > 0);
  if (having.length === 1) return having[0];
  const before = lines.filter((l) => l.span.end <= at.start).at(-1);
  const after = lines.find((l) => l.span.start >= at.end);
  const close = [
    before && !PARTING.test(text.slice(before.span.end, at.start)) ? before : undefined,
    after && !PARTING.test(text.slice(at.end, after.span.start)) ? after : undefined,
  ].filter((l): l is OptionLine => !!l && having.includes(l));
  return close.length === 1 ? close[0] : undefined;
}

/**
 * Reads the option words in `text` (with the dish, restaurant and amount names already blanked) for
 * each line. Lines with nothing said get no options, so the menu's defaults apply.
 */
export function readDishOptions(cat: Catalogue, text: string, lines: OptionLine[], lang: Lang): OptionsRead {
  let words = optionWordCache.get(cat);
  if (!words) {
    words = optionWords(cat);
    optionWordCache.set(cat, words);
  }
  const read = lines.map(() => ({ ids: [] as string[], said: [] as string[], surchargeFen: 0 }));
  const chosenGroups = lines.map(() => new Map<string, { id: string; said: string }>());
  const spans: Span[] = [];
  for (const m of findMentions(text, words)) {
    const said = text.slice(m.span.start, m.span.end);
    if (!lines.some((l) => choicesNamed(l.dish, m.item).length > 0)) {
      const dishes = lines.map((l) => l.name).join(t(lang, '、', ', '));
      return {
        kind: 'unsure',
        missing: t(
          lang,
          `${dishes}没有「${said}」这个选项，要什么规格？`,
          `${dishes} has no "${said}" option: how should it be made?`,
        ),
      };
    }
    const line = lineOf(lines, m.span, m.item, text);
    if (!line) {
      return {
        kind: 'unsure',
        missing: t(lang, `「${said}」是哪道菜的？`, `Which dish is "${said}" for?`),
      };
    }
    const i = lines.indexOf(line);
    const fits = choicesNamed(line.dish, m.item);
    const distinct = fits.filter((f, j) => fits.findIndex((g) => g.choice.id === f.choice.id) === j);
    if (distinct.length > 1) {
      const names = distinct.map(
        (f) => `${f.choice.names[lang === 'zh' ? 0 : 1] ?? f.choice.id} (${f.group})`,
      );
      return {
        kind: 'unsure',
        missing: t(
          lang,
          `${line.name}的「${said}」是指哪一项？${names.join(' 还是 ')}？`,
          `Which "${said}" for ${line.name}? ${names.join(' or ')}?`,
        ),
      };
    }
    const fit = fits[0]!;
    spans.push(m.span);
    if (read[i]!.ids.includes(fit.choice.id)) continue;
    const earlier = chosenGroups[i]!.get(fit.group);
    if (earlier && !fit.multi) {
      return {
        kind: 'unsure',
        missing: t(
          lang,
          `${line.name}要「${earlier.said}」还是「${said}」？`,
          `${line.name}: "${earlier.said}" or "${said}"?`,
        ),
      };
    }
    chosenGroups[i]!.set(fit.group, { id: fit.choice.id, said });
    read[i]!.ids.push(fit.choice.id);
    read[i]!.said.push(said);
    read[i]!.surchargeFen += fit.choice.surchargeFen;
  }
  return { kind: 'options', lines: read, spans };
}
