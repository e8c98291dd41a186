/**
 * Reads a search for places: what kind of place ("咖啡店" → cafe, "pharmacy"), and near where
 * ("附近" is where the person probably is; "家附近" / "near the office" are their own addresses).
 */
import { type AddressKind, addressKindOfWord } from '../../person/index.js';
import { type ClauseInput, type ClauseOutcome, nameOf, step, unsure } from './outcome.js';
import { currentKind, placeOfKind, placesIn } from './places.js';
import { blank, type Lang, t } from './text.js';

const CATEGORIES: [string, RegExp][] = [
  ['pharmacy', /药店|药房|\bpharmac(?:y|ies)\b|\bdrugstores?\b|\bchemists?\b/i],
  ['supermarket', /超市|\bsupermarkets?\b|\bgrocer(?:y|ies)(?: stores?)?\b/i],
  ['mall', /商场|购物中心|\bmalls?\b|\bshopping cent(?:re|er)s?\b/i],
  ['park', /公园|\bparks?\b/i],
  ['hospital', /医院|\bhospitals?\b|\bclinics?\b/i],
  ['bank', /银行|取款机|\bbanks?\b|\batms?\b/i],
  ['post_office', /邮局|\bpost offices?\b/i],
  ['gym', /健身房|\bgyms?\b|\bfitness cent(?:re|er)s?\b/i],
  ['hotel', /酒店|宾馆|\bhotels?\b/i],
  ['station', /地铁站|火车站|高铁站|车站|\b(?:metro |subway |train |railway )?stations?\b/i],
  ['airport', /机场|\bairports?\b/i],
  ['library', /图书馆|\blibrar(?:y|ies)\b/i],
  ['school', /学校|大学|\bschools?\b|\buniversit(?:y|ies)\b/i],
  ['bar', /酒吧|\bbars?\b|\bpubs?\b/i],
  ['cafe', /咖啡|奶茶店|\bcaf(?:e|é)s?\b|\bcoffee(?: shops?)?\b/i],
  ['shop', /便利店|花店|商店|\bconvenience stores?\b|\bflorists?\b|\bshops?\b|\bstores?\b/i],
  ['restaurant', /餐厅|饭店|饭馆|吃饭的地方|好吃的|\brestaurants?\b|\bplaces? to eat\b/i],
  ['landmark', /景点|地标|\blandmarks?\b|\bsights\b|\battractions?\b/i],
];

/** Kinds of place narrower than a category, with the word their names share. */
const SUBKINDS: [string, RegExp, string][] = [
  ['shop', /花店|\bflorists?\b|\bflower shops?\b/i, 'florist'],
  ['shop', /便利店|\bconvenience stores?\b/i, '便利店'],
  ['station', /地铁站|\b(?:metro|subway) stations?\b/i, 'metro'],
  ['station', /火车站|高铁站|\b(?:railway|train) stations?\b/i, 'railway'],
];

const NEAR_ZH = /(?:在)?([^\s，,。？?]{1,12}?)(?:附近|周边|周围|旁边)/;
const NEAR_EN =
  /\b(?:near|around|close to|by)\s+(?!me\b|here\b|by\b)((?:the |my )?[A-Za-z' ]{2,40}?)(?=[,.?!]|$|\s+(?:please|now|today|tonight|that|which|with)\b)/i;
const NEAR_HERE = /附近|周边|周围|最近的|\bnear(?:by| me| here)\b|\bnearest\b|\bclosest\b|\baround here\b/i;

function ownPlace(
  input: ClauseInput,
  kind: AddressKind,
  said: string,
): { placeId?: string; name?: string; problem?: string } {
  const { cat, lang } = input;
  const placeId = placeOfKind(cat, kind);
  const name = t(
    lang,
    { home: '家', office: '公司', parents: '爸妈家' }[kind],
    { home: 'home', office: 'the office', parents: "your parents' home" }[kind],
  );
  return placeId
    ? { placeId, name }
    : { problem: t(lang, `没有保存「${said}」的地址`, `No saved address for "${said}"`) };
}

function nearOf(input: ClauseInput): { placeId?: string; name?: string; problem?: string } {
  const { cat, lang, folded } = input;
  const said = folded.match(NEAR_ZH)?.[1] ?? folded.match(NEAR_EN)?.[1];
  if (said) {
    const place = placesIn(input, said)
      .filter((p) => p.candidates.length === 1)
      .pop();
    if (place) return { placeId: place.candidates[0]!.id, name: nameOf(place.candidates[0]!, lang) };
    // "帮我找一下公司附近" names 公司: the place is the end of what stands before 附近.
    for (let i = 0; i < said.length; i++) {
      const kind = addressKindOfWord(said.slice(i));
      if (kind) return ownPlace(input, kind, said.slice(i));
    }
  }
  if (NEAR_HERE.test(folded)) {
    const kind = currentKind(cat.now);
    return ownPlace(input, kind, kind);
  }
  return {};
}

const FILLER_ZH =
  /附近|周边|周围|旁边|哪里有|哪儿有|有没有|有什么|有哪些|最近的|帮我|帮忙|找(?:一)?(?:家|个|下|一下)?|查(?:一下)?|在哪(?:里|儿)?|推荐|[的吗呢啊吧？?，,。\s]/g;
const FILLER_EN =
  /\b(?:find|me|a|an|the|some|any|is|are|there|where|nearest|closest|nearby|near|around|here|please|look|looking|for|good|search)\b|[?,.!]/gi;

function queryOf(text: string, lang: Lang): string {
  return (lang === 'zh' ? text.replace(FILLER_ZH, '') : text.replace(FILLER_EN, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads a search for places. */
export function readPlaceSearch(input: ClauseInput): ClauseOutcome {
  const { lang, folded } = input;
  const near = nearOf(input);
  const nearText = near.name ? t(lang, `${near.name}附近`, ` near ${near.name}`) : '';
  if (near.problem) return unsure(t(lang, '要找地方', 'Find places'), [near.problem]);
  // "世纪公园附近的酒店" asks for hotels: the kind is not read inside a place's own name.
  const kinds = blank(
    folded,
    placesIn(input).map((p) => p.span),
  );
  const hit = CATEGORIES.map(([category, re]) => ({ category, m: re.exec(kinds) })).filter((c) => c.m);
  hit.sort((a, b) => a.m!.index - b.m!.index);
  const first = hit[0];
  const nearParam = near.placeId ? { near_place_id: near.placeId } : {};
  if (first) {
    const said = first.m![0];
    // A narrower kind within the category ("florist" among shops) is searched by its own word.
    const query =
      SUBKINDS.find(([category, re]) => category === first.category && re.test(folded))?.[2] ??
      first.category;
    return step(
      { recipe: 'find_place', params: { query, category: first.category, ...nearParam } },
      0.9,
      t(lang, `找${nearText ? `${nearText}的` : ''}${said}`, `Find ${said}${nearText}`),
    );
  }
  const named = placesIn(input).find((p) => p.candidates.length === 1);
  const words = named ? nameOf(named.candidates[0]!, lang) : queryOf(blank(folded, []), lang);
  if (!words)
    return unsure(t(lang, `要找${nearText}的地方`, `Find places${nearText}`), [
      t(lang, '找什么地方？', 'What kind of place?'),
    ]);
  return step(
    { recipe: 'find_place', params: { query: words, ...nearParam } },
    named ? 0.85 : 0.7,
    t(lang, `找${nearText ? `${nearText}的` : ''}「${words}」`, `Find "${words}"${nearText}`),
  );
}
