/**
 * Every part of a request is accounted for: once a reader has read a clause, what it did not read must
 * be words that carry nothing to act on ("帮我", "please", "一下", "for lunch"). A place, a number, a
 * name, a wish or a clause it could not place is quoted back, and the clause is not run: acting on
 * half a request is how a default address or a missed budget gets paid for.
 */
import type { Intent } from './intents.js';
import { blank, type Lang, type Span, t } from './text.js';

/** Chinese words that carry nothing to act on in any errand: politeness, particles, joins, "now". */
const ZH_ANY = [
  '帮忙',
  '帮我',
  '帮',
  '麻烦你',
  '麻烦',
  '请你',
  '请',
  '给我',
  '我想',
  '我要',
  '想要',
  '一下',
  '吧',
  '呢',
  '啊',
  '呀',
  '哦',
  '哈',
  '嘛',
  '了',
  '的',
  '好的',
  '谢谢',
  '谢啦',
  '多谢',
  '就行',
  '就好',
  '即可',
  '好吗',
  '行吗',
  '可以吗',
  '能不能',
  '可不可以',
  '可以',
  '能',
  '我',
  '你',
  '也',
  '再',
  '还',
  '都',
  '就',
  '先',
  '然后',
  '并且',
  '并',
  '和',
  '顺便',
  '另外',
  '同时',
  '把',
  '要',
  '是',
  '个',
  '一个',
  '这个',
  '给',
  '现在',
  '马上',
  '立刻',
  '赶紧',
  '尽快',
  '吗',
  '么',
  '嗯',
  '那',
  '这',
];

/** Chinese words that belong to one kind of errand: its verbs and what goes without saying in it. */
const ZH_BY_INTENT: Partial<Record<Intent, string[]>> = {
  acquire: [
    '点',
    '订',
    '叫',
    '外卖',
    '来',
    '买',
    '购买',
    '下单',
    '入手',
    '带',
    '份',
    '今天',
    '中午',
    '午饭',
    '午餐',
    '晚饭',
    '晚餐',
    '早餐',
    '早饭',
    '夜宵',
    '下午茶',
    '想吃',
    '想喝',
    '吃',
    '喝',
    '饿了',
    '从',
    '在',
    '网上',
    '商城',
    '里',
    '用',
    '别的不要',
    '其他不要',
    '就这些',
    '再加',
    '加',
    '还要',
    '配',
    '随便',
    '颜色',
    '色',
    '码',
    '号',
    '款',
    '那',
    '同款',
    '购物车',
    '一共',
    '总共',
  ],
  transfer: [
    '转账',
    '转',
    '打钱',
    '打',
    '汇款',
    '汇',
    '钱',
    '微信',
    '支付宝',
    '红包',
    '发',
    '还',
    '今天',
    '一共',
    '总共',
    '共',
  ],
  pay_bill: ['交', '缴', '付', '支付', '缴纳', '结', '清', '掉', '账单', '钱', '费', '这个月', '本月'],
  reschedule: ['上午', '下午', '晚上', '中午', '早上', '傍晚', '今晚', '明晚', '开始', '点'],
  message: ['发', '消息', '微信', '短信', '一声', '说', '私聊', '单独'],
  schedule: [
    '约一下',
    '约',
    '安排',
    '开个会',
    '开会',
    '开',
    '会议',
    '会',
    '日程',
    '发邀请',
    '邀请',
    '发个',
    '发',
    '建个',
    '建',
    '加个',
    '加',
    '创建',
    '一起',
    '在',
    '时间',
    '跟',
    '与',
    '同',
    '上午',
    '下午',
    '晚上',
    '中午',
    '早上',
    '傍晚',
    '去',
    '见',
    '通个',
    '吃个',
    '吃',
    '打',
    '个',
  ],
};

/** English words that carry nothing to act on in any errand. */
const EN_ANY = new Set(
  (
    "please pls plz can could would will you me i i'd id i'm im like want need to just a an the my our " +
    "and also then now right away asap thanks thank hey hi ok okay so too as well kindly for it it's " +
    'them this that do go ahead quickly soon let us of'
  ).split(' '),
);

const EN_BY_INTENT: Partial<Record<Intent, string>> = {
  acquire:
    'order buy get grab purchase have pick up from some lunch dinner breakfast today deliver delivered ' +
    "ship shipped send sent bring at in with of make made i'll we we're is are be keep meal " +
    'cup cups bowl bowls portion portions serving servings plate plates box boxes pack packs pair pairs ' +
    'bottle bottles piece pieces bag bags can cans set sets slice slices size colour color version ' +
    'model edition one ones same new book books shop store online all total cart',
  transfer:
    'send give transfer wire pay back money yuan rmb kuai bucks venmo reimburse repay lend via wechat alipay today',
  pay_bill: "pay settle top up bill bills fee my the it's its is should be which this month's please",
  reschedule: 'instead start starting begin morning afternoon evening tonight noon',
  schedule:
    'schedule set up arrange book put add create make calendar on in at with invite invited invitation ' +
    'inviting event meeting meet call sync lunch dinner coffee catch-up catch one-on-one minute minutes ' +
    'min mins hour hours long morning afternoon evening tonight send from called titled named',
};

function zhWords(intent: Intent): string[] {
  return [...ZH_ANY, ...(ZH_BY_INTENT[intent] ?? [])].sort((a, b) => b.length - a.length);
}

/** Where a Chinese stretch ends once the filler words at its end are left off ("…发给他吧" ends at 他). */
function trimmedEnd(run: string, words: string[]): number {
  let end = run.length;
  for (;;) {
    const w = words.find((x) => x.length <= end && run.slice(end - x.length, end) === x);
    if (!w) return end;
    end -= w.length;
  }
}

/** The content left in a Chinese stretch once its filler words are taken out, as [start, end) pairs. */
function zhContent(run: string, words: string[]): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while (i < run.length) {
    const w = words.find((x) => run.startsWith(x, i));
    if (w) {
      i += w.length;
      continue;
    }
    const last = out.at(-1);
    if (last && last[1] === i) last[1] = i + 1;
    else out.push([i, i + 1]);
    i += 1;
  }
  return out;
}

/** Why a thing is bought, said of the thing itself: "we're out of coffee", "咖啡豆用完了". */
const OUT_OF =
  /\b(?:we're|we are|i'm|i am|we've|i've)\s+(?:run\s+|ran\s+)?out\s+of\b|\bran\s+out\s+of\b|用完了|没了|吃完了|喝完了/gi;

/** Markup pasted into a request is not words the person says: tags, and script or style in them. */
const MARKUP = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<\/?[a-z][a-z0-9-]*\b[^<>]*>/gi;

/** Phrases that only hedge or remind: "I don't know, just order a latte", "别忘了". */
const HEDGES =
  /\bi\s+(?:don't|dont|do not)\s+know\b|\bwhatever\b|\bno idea\b|\bi guess\b|\b(?:don't|dont|do not) forget to\b|\bremember to\b|\bmake sure (?:to|you)\b|别忘了|别忘记|不要忘了|记得/gi;

/**
 * The parts of a clause its reader did not read and that are not filler, quoted as the person wrote
 * them ("送到人民广场", "明天", "with extra chilli"); none when the clause was read whole.
 */
export function unreadParts(text: string, used: Span[], intent: Intent, about: string[] = []): string[] {
  const phrases = intent === 'acquire' ? [HEDGES, OUT_OF, MARKUP] : [HEDGES, MARKUP];
  const hedges = phrases.flatMap((re) =>
    [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length })),
  );
  const rest = blank(text, [...used, ...hedges]);
  const words = zhWords(intent);
  const en = new Set([...EN_ANY, ...(EN_BY_INTENT[intent] ?? '').split(' ')]);
  const content: Span[] = [];
  for (const m of rest.matchAll(
    /[\u3400-\u9fff]+|[A-Za-z][A-Za-z'-]*|\d+(?:\.\d+)?|[^\s\p{P}\u3400-\u9fffA-Za-z\d]+/gu,
  )) {
    const run = m[0];
    if (/^[\u3400-\u9fff]/.test(run)) {
      const unread = zhContent(run, words).filter(
        ([a, b]) => !about.some((n) => n.includes(run.slice(a, b))),
      );
      // Quoted as the words were written: from the first unread character to the end of the run
      // ("再把地址发给他" is quoted "地址发给他", not "址").
      if (unread.length)
        content.push({
          start: m.index + unread[0]![0],
          end: m.index + Math.max(unread.at(-1)![1], trimmedEnd(run, words)),
        });
    } else if (/^[A-Za-z]/.test(run)) {
      const w = run.toLowerCase();
      const ofName = about.some(
        (n) =>
          n
            .toLowerCase()
            .split(/[^a-z'-]+/)
            .includes(w.replace(/e?s$/, '')) ||
          n
            .toLowerCase()
            .split(/[^a-z'-]+/)
            .includes(w),
      );
      if (!en.has(w) && !en.has(w.replace(/'s$/, '')) && !ofName)
        content.push({ start: m.index, end: m.index + run.length });
    } else content.push({ start: m.index, end: m.index + run.length });
  }
  // One quote per part of the sentence: from its first unread word to its last.
  const parts: Span[] = [];
  for (const c of content) {
    const last = parts.at(-1);
    if (last && !/[，,。；;！!？?]/.test(text.slice(last.end, c.start)) && !covered(used, last.end, c.start))
      last.end = c.end;
    else parts.push({ ...c });
  }
  return parts.map((p) => text.slice(p.start, p.end).trim());
}

/** True when a read stretch lies between two positions (two unread words either side of a name). */
function covered(used: Span[], from: number, to: number): boolean {
  return used.some((u) => u.start >= from && u.end <= to);
}

/** What to tell the person about parts not read, in the request's language. */
export function unreadMessage(parts: string[], lang: Lang): string {
  const quoted = parts.map((p) => t(lang, `「${p}」`, `"${p}"`)).join(t(lang, '、', ', '));
  return t(
    lang,
    `这部分我没读懂，不能不管它就去做：${quoted}`,
    `I did not understand ${quoted}, and will not act on the rest without it`,
  );
}
