/**
 * Reads a route question: from where to where, and how (transit unless the request says). Home and
 * the office are the person's own addresses; a start left unsaid is where the person probably is.
 */
import type { RecipeParams } from './types.js';
import { type ClauseInput, type ClauseOutcome, nameOf, step, unsure, which } from './outcome.js';
import { type AddressKind, addressKindOfWord } from '../../person/index.js';
import { currentKind, placeOfKind, placesContaining, placesIn } from './places.js';
import { type Lang, t } from './text.js';

type Mode = RecipeParams['find_route']['mode'];

const MODES: [Mode, RegExp][] = [
  ['walk', /步行|走路|走过去|走着|\bwalk(?:ing)?\b|\bon foot\b/i],
  ['ebike', /电动车|电瓶车|电驴|\be-?bike\b|\belectric bike\b|\bscooter\b/i],
  ['bike', /骑车|骑自行车|单车|共享单车|自行车|\bbike\b|\bbicycle\b|\bcycl(?:e|ing)\b/i],
  ['drive', /开车|打车|驾车|自驾|出租车|\bdriv(?:e|ing)\b|\bby car\b|\btaxi\b|\bcab\b|\bdidi\b/i],
  ['transit', /地铁|公交|公共交通|\bmetro\b|\bsubway\b|\bbus\b|\btransit\b|\bpublic transport\b|\btrain\b/i],
];

/** One end of the trip as the text says it. */
interface End {
  said: string;
  placeId?: string;
  name?: string;
  problem?: string;
}

function resolveEnd(input: ClauseInput, said: string, lang: Lang): End {
  const { cat } = input;
  const kind: AddressKind | undefined = addressKindOfWord(said);
  if (kind) {
    const placeId = placeOfKind(cat, kind);
    const name = t(
      lang,
      { home: '家', office: '公司', parents: '爸妈家' }[kind],
      { home: 'home', office: 'the office', parents: "your parents' home" }[kind],
    );
    return placeId
      ? { said, placeId, name }
      : { said, problem: t(lang, `没有保存「${said}」的地址`, `No saved address for "${said}"`) };
  }
  const found = placesIn(input, said);
  const whole =
    found.find((f) => f.said.length >= said.replace(/^(?:the|my)\s+/i, '').length - 1) ?? found[0];
  if (whole && whole.candidates.length === 1)
    return { said, placeId: whole.candidates[0]!.id, name: nameOf(whole.candidates[0]!, lang) };
  const options = whole?.candidates ?? placesContaining(cat, said.replace(/^(?:the|my)\s+/i, ''));
  if (options.length > 1) {
    const names = options.slice(0, 5).map((p) => nameOf(p, lang));
    return {
      said,
      problem: t(lang, `「${said}」是哪里？${which(names, lang)}`, `Which "${said}"? ${which(names, lang)}`),
    };
  }
  if (options.length === 1) return { said, placeId: options[0]!.id, name: nameOf(options[0]!, lang) };
  return { said, problem: t(lang, `地图上找不到「${said}」`, `Cannot find "${said}" on the map`) };
}

const STOP_ZH =
  '(?=怎么|怎样|如何|的路线|路线|要多久|多久|多远|有多远|坐|乘|打车|开车|骑|走路|步行|导航|$|[，,。？?])';
const STOP_EN = '(?=\\s+(?:by|via|on|using|with|in|and|tomorrow|today|now|please|for)\\b|[,.?!]|$)';

const MODE_WORDS = /(?:坐|乘|搭)(?:地铁|公交车?|出租车?|车)|打车|开车|骑车|步行|走路|走着/g;

function endsOf(raw: string): { from?: string; to?: string } {
  const text = raw.replace(MODE_WORDS, (m) => ' '.repeat(m.length));
  const zh =
    text.match(new RegExp(`从\\s*(.+?)\\s*(?:到|去|至|回)\\s*(.+?)${STOP_ZH}`)) ??
    text.match(new RegExp(`(?:^|[^从])(?:去|到|回)\\s*(.+?)${STOP_ZH}`));
  if (zh) return zh.length === 3 && text.includes('从') ? { from: zh[1], to: zh[2] } : { to: zh[1] };
  const named = text.match(
    /^(?:请问|我想知道)?\s*(.+?)\s*(?:怎么走|怎么去|怎样去|如何去|怎么到|在哪(?:里|儿)?)/,
  );
  if (named) return { to: named[1] };
  const homeFrom = text.match(
    new RegExp(`\\b(?:get|go|getting|going|way)\\s+(?:back\\s+)?home\\s+from\\s+(.+?)${STOP_EN}`, 'i'),
  );
  if (homeFrom) return { from: homeFrom[1], to: 'home' };
  const fromTo = text.match(new RegExp(`\\bfrom\\s+(.+?)\\s+to\\s+(.+?)${STOP_EN}`, 'i'));
  if (fromTo) return { from: fromTo[1], to: fromTo[2] };
  const toFrom = text.match(new RegExp(`\\bto\\s+(.+?)\\s+from\\s+(.+?)${STOP_EN}`, 'i'));
  if (toFrom) return { from: toFrom[2], to: toFrom[1] };
  const to = text.match(
    new RegExp(
      `\\b(?:get|go|getting|going|route|directions|way|far is it|far)\\s+(?:back\\s+)?(?:to|home)\\s*(.*?)${STOP_EN}`,
      'i',
    ),
  );
  if (to) return { to: /\bhome\b/i.test(to[0]) && !to[1] ? 'home' : to[1] };
  return {};
}

/** Reads a route between two places. */
export function readRoute(input: ClauseInput): ClauseOutcome {
  const { cat, lang, folded } = input;
  const mode = MODES.find(([, re]) => re.test(folded))?.[0] ?? 'transit';
  const said = endsOf(folded);
  const modeName = t(
    lang,
    { walk: '步行', bike: '骑车', ebike: '电动车', drive: '开车', transit: '公共交通' }[mode],
    mode,
  );
  if (!said.to) return unsure(t(lang, '要查路线', 'Find a route'), [t(lang, '去哪里？', 'To where?')]);
  const to = resolveEnd(input, said.to.trim(), lang);
  const here = currentKind(cat.now);
  const from = said.from
    ? resolveEnd(input, said.from.trim(), lang)
    : resolveEnd(input, here === 'office' ? '公司' : '家', lang);
  const problems = [from.problem, to.problem].filter((p): p is string => !!p);
  const understood = t(
    lang,
    `查${modeName}路线：${from.name ?? said.from ?? ''} → ${to.name ?? said.to}`,
    `Route by ${modeName}: ${from.name ?? said.from ?? ''} → ${to.name ?? said.to}`,
  );
  if (problems.length || !from.placeId || !to.placeId) return unsure(understood, problems);
  if (from.placeId === to.placeId)
    return unsure(understood, [
      t(lang, '起点和终点是同一个地方', 'The start and the end are the same place'),
    ]);
  return step(
    { recipe: 'find_route', params: { from_place_id: from.placeId, to_place_id: to.placeId, mode } },
    said.from ? 0.92 : 0.82,
    said.from
      ? understood
      : `${understood}${t(lang, '（从你现在大概在的地方出发）', ' (from where you probably are now)')}`,
  );
}
