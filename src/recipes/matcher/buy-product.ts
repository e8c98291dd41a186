/**
 * Reads a purchase from the shop: which product and variant (colour, size), how many, where to ship,
 * and the budget. A product with variants is never bought without the variant being named.
 */
import { readAmounts } from './amounts.js';
import { type ItemMention, itemsIn } from './lexicon.js';
import {
  type ClauseInput,
  type ClauseOutcome,
  listOf,
  nameOf,
  step,
  unsure,
  which,
  yuan,
} from './outcome.js';
import { addressOfKind, beneficiarySpans, readDestination } from './places.js';
import { readQuantity } from './quantities.js';
import { blank, escapeRegex, type Span, t } from './text.js';
import type { Catalogue, Named } from './types.js';

type Product = Catalogue['products'][number];

/** Where a request names a product, and the products it can mean there. */
export type ProductMention = ItemMention<Product>;

/** The products the text names (own names first, then shorter words such as "雨伞" or "umbrella"). */
export function productsIn(input: ClauseInput, text: string): ProductMention[] {
  return itemsIn(text, input.lex.products);
}

const COLOUR_CHARS = /[黑白红蓝绿灰紫粉黄棕橙金银]$/;
const PLAIN_TOKENS = new Set(['size', 'eu', 'pcs', 'bed', 'switches', 'gb', 'tb', '+', 'm']);

/** The words that tell one variant from another: "白色", "白", "M", "42", "black". */
function variantTokens(v: Named): string[] {
  const out = new Set<string>();
  for (const name of v.names) {
    for (const raw of name.split(/[\s,，+]+/)) {
      const token = raw.trim();
      if (!token || PLAIN_TOKENS.has(token) || (token.length > 1 && PLAIN_TOKENS.has(token.toLowerCase())))
        continue;
      out.add(token);
      const digits = token.match(/\d+(?:\.\d+)?/);
      if (digits) out.add(digits[0]);
      if (/[\u3400-\u9fff]/.test(token)) {
        const root = token.replace(/色$/, '');
        if (root.length >= 1 && COLOUR_CHARS.test(root)) out.add(root.slice(-1));
        if (root !== token) out.add(root);
      }
    }
  }
  return [...out];
}

function tokenPattern(token: string): RegExp {
  if (/[\u3400-\u9fff]/.test(token)) return new RegExp(escapeRegex(token), 'g');
  if (/^\d+(?:\.\d+)?$/.test(token)) return new RegExp(`(?<![\\d.])${escapeRegex(token)}(?![\\d.])`, 'g');
  if (token.length === 1) return new RegExp(`(?<![A-Za-z])${escapeRegex(token)}(?![A-Za-z])`, 'g');
  return new RegExp(`(?<![A-Za-z0-9])${escapeRegex(token)}(?![A-Za-z0-9])`, 'gi');
}

function tokenIn(text: string, token: string): boolean {
  return tokenPattern(token).test(text);
}

/** Where the words of a variant stand in the text ("松绿色", "size 42", "black"). */
function variantSpans(text: string, v: Named): Span[] {
  const out: Span[] = [];
  for (const tk of variantTokens(v))
    for (const m of text.matchAll(tokenPattern(tk))) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** The variants the text names, best first; several when it does not tell them apart. */
export function variantsIn(text: string, variants: Named[]): Named[] {
  const scored = variants.map((v) => ({
    v,
    score: variantTokens(v).filter((tk) => tokenIn(text, tk)).length,
  }));
  const best = Math.max(0, ...scored.map((s) => s.score));
  return best === 0 ? [] : scored.filter((s) => s.score === best).map((s) => s.v);
}

/** Reads a purchase from the shop. */
export function readPurchase(input: ClauseInput): ClauseOutcome {
  const { cat, lang, folded } = input;
  const mentions = productsIn(input, folded);
  if (mentions.length === 0)
    return unsure(t(lang, '要买东西', 'Buy something'), [t(lang, '买什么？', 'Buy what?')]);
  const said = [...new Set(mentions.map((m) => m.said))];
  if (said.length > 1) {
    return unsure(t(lang, `买${listOf(said, lang)}`, `Buy ${listOf(said, lang)}`), [
      t(lang, '一次只能买一样，先买哪个？', 'One product at a time: which first?'),
    ]);
  }
  const mention = mentions[0]!;
  if (mention.items.length > 1) {
    const options = mention.items.slice(0, 6).map((p) => `${nameOf(p, lang)} ${yuan(p.priceFen)}`);
    return unsure(t(lang, `买「${mention.said}」`, `Buy "${mention.said}"`), [
      t(lang, `是哪一个？${which(options, lang)}`, `Which one? ${which(options, lang)}`),
    ]);
  }
  const product = mention.items[0]!;
  const name = nameOf(product, lang);
  const amounts = readAmounts(folded);
  const rest = blank(folded, [mention.span, ...amounts.map((a) => a.span)]);
  const quantity = readQuantity(rest, mention.span);
  const count = quantity?.count ?? 1;
  const understood = t(lang, `买${count}件${name}`, `Buy ${count} × ${name}`);
  if (product.stock <= 0) return unsure(understood, [t(lang, `${name}已售罄`, `${name} is sold out`)]);
  let variant: Named | undefined;
  if (product.variants.length > 0) {
    const found = variantsIn(quantity ? blank(rest, [quantity.span]) : rest, product.variants);
    const options = product.variants.map((v) => nameOf(v, lang));
    if (found.length !== 1) {
      return unsure(understood, [
        t(lang, `要哪一款？${which(options, lang)}`, `Which one? ${which(options, lang)}`),
      ]);
    }
    variant = found[0];
  }
  if (product.stock < count)
    return unsure(understood, [
      t(lang, `${name}只剩${product.stock}件`, `Only ${product.stock} × ${name} left`),
    ]);
  const budgets = [
    ...new Set((amounts.some((a) => a.budget) ? amounts.filter((a) => a.budget) : amounts).map((a) => a.fen)),
  ];
  if (budgets.length > 1) {
    return unsure(understood, [
      t(
        lang,
        `预算是多少？${which(budgets.map(yuan), lang)}`,
        `What is the budget? ${which(budgets.map(yuan), lang)}`,
      ),
    ]);
  }
  const budget = budgets[0];
  if (budget !== undefined && product.priceFen * count > budget) {
    return unsure(understood, [
      t(
        lang,
        `${name}要${yuan(product.priceFen * count)}，超过预算${yuan(budget)}`,
        `${name} costs ${yuan(product.priceFen * count)}, over the ${yuan(budget)} budget`,
      ),
    ]);
  }
  const destination = readDestination(input, 'home');
  if (destination.type === 'unsure') return unsure(understood, [destination.missing]);
  const stated = destination.type === 'said';
  const address = addressOfKind(cat.shopAddresses, destination.type === 'said' ? destination.kind : 'home');
  if (!address) {
    return unsure(understood, [
      t(lang, '寄到哪里？商城里没有这个收货地址', 'Ship where? The shop has no such saved address'),
    ]);
  }
  const used = [
    mention.span,
    ...amounts.map((a) => a.span),
    ...(quantity ? [quantity.span] : []),
    ...(variant ? variantSpans(rest, variant) : []),
    ...destination.spans,
    ...(stated ? beneficiarySpans(input) : []),
  ];
  const where = nameOf(address, lang);
  const variantName = variant ? nameOf(variant, lang) : '';
  let confidence = mention.exact ? 0.93 : 0.82;
  if (!stated) confidence -= 0.03;
  return step(
    {
      recipe: 'buy_product',
      params: {
        product_id: product.id,
        ...(variant ? { variant_id: variant.id } : {}),
        quantity: count,
        address_id: address.id,
        ...(budget !== undefined ? { budget_fen: budget } : {}),
      },
    },
    confidence,
    t(
      lang,
      `买${count}件${name}${variant ? `（${variantName}）` : ''}，${yuan(product.priceFen)}/件，寄到${where}${stated ? '' : '（默认）'}${budget !== undefined ? `，预算${yuan(budget)}` : ''}`,
      `Buy ${count} × ${name}${variant ? ` (${variantName})` : ''} at ${yuan(product.priceFen)} each, ship to ${where}${stated ? '' : ' (default)'}${budget !== undefined ? `, budget ${yuan(budget)}` : ''}`,
    ),
    used,
    [...product.names, ...(variant?.names ?? [])],
  );
}
