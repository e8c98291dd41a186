import { APPS } from '../world/index.js';
import type { AppTool } from './toolset.js';

/**
 * Finding tools by what a person or a model calls things, in Chinese and English: the apps' tools are
 * described in English, so Chinese words are read through a small lexicon of the words errands use.
 */
const LEXICON: [string, string][] = [
  ['外卖', 'food restaurant'],
  ['点餐', 'order restaurant'],
  ['点菜', 'order dish'],
  ['餐厅', 'restaurant'],
  ['饭店', 'restaurant'],
  ['餐馆', 'restaurant'],
  ['菜单', 'menu dish'],
  ['菜品', 'menu dish'],
  ['购物车', 'cart'],
  ['下单', 'place order'],
  ['订单', 'order'],
  ['评价', 'review'],
  ['评论', 'review'],
  ['优惠', 'coupon'],
  ['地址', 'address'],
  ['取消', 'cancel'],
  ['退货', 'return'],
  ['退款', 'return refund'],
  ['转账', 'transfer'],
  ['转钱', 'transfer'],
  ['付款', 'pay payment'],
  ['支付', 'pay payment'],
  ['付钱', 'pay payment'],
  ['余额', 'balance'],
  ['账单', 'payment request bill'],
  ['收款', 'payment request'],
  ['流水', 'transaction'],
  ['交易', 'transaction'],
  ['消息', 'message'],
  ['信息', 'message'],
  ['告诉', 'send message'],
  ['通知', 'send message'],
  ['发给', 'send message'],
  ['聊天', 'chat conversation message'],
  ['联系人', 'contact people'],
  ['通讯录', 'contact people'],
  ['群', 'conversation group'],
  ['撤回', 'recall message'],
  ['已读', 'mark read'],
  ['日历', 'calendar event'],
  ['日程', 'calendar event'],
  ['安排', 'event calendar'],
  ['会议', 'event meeting'],
  ['开会', 'event meeting'],
  ['约', 'event'],
  ['空闲', 'free time'],
  ['有空', 'free time'],
  ['忙', 'busy free'],
  ['邀请', 'invite event attendee invitation'],
  ['改期', 'move event'],
  ['推迟', 'move event'],
  ['提前', 'move event'],
  ['接受', 'respond invitation'],
  ['拒绝', 'respond invitation'],
  ['商品', 'product'],
  ['商城', 'shop product'],
  ['买', 'product order'],
  ['购买', 'product order'],
  ['地图', 'maps place'],
  ['路线', 'route'],
  ['怎么去', 'route'],
  ['导航', 'route'],
  ['多远', 'route'],
  ['地点', 'place'],
  ['位置', 'place geocode'],
  ['在哪', 'place geocode'],
  ['谁', 'people contact'],
  ['朋友', 'people contact'],
  ['同事', 'people contact'],
];

const STOP = new Set(['the', 'and', 'for', 'with', 'you', 'your', 'one', 'that', 'this', 'from', 'are']);

/** The English words of a text, lowercased and singular: what tool names and descriptions are matched on. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 3 && !STOP.has(w))
    .map((w) =>
      w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w,
    );
}

/** A query's terms: its English words and the English of the Chinese words it uses. */
export function queryTerms(query: string): string[] {
  const zh = LEXICON.filter(([word]) => query.includes(word)).flatMap(([, en]) => words(en));
  return [...new Set([...words(query), ...zh])];
}

/** App tools that fit a query best (name words count three times the description's), best first. */
export function searchTools(tools: readonly AppTool[], query: string, limit = 6): AppTool[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const scored = tools.map((tool) => {
    const name = new Set(words(`${tool.app} ${tool.tool.replaceAll('_', ' ')}`));
    const text = new Set(words(tool.description));
    const score = terms.reduce((n, t) => n + (name.has(t) ? 3 : 0) + (text.has(t) ? 1 : 0), 0);
    return { tool, score };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.tool);
}

/**
 * The one-line catalogue of the apps: name, title in the person's language when errand knows the app, and
 * the names of its tools the model does not have yet (`given` are sent as schemas already).
 */
export function catalogueLines(
  apps: { app: string; tools: string[] }[],
  lang: 'zh' | 'en' = 'zh',
  given: readonly string[] = [],
): string[] {
  return apps.map((a) => {
    const known = APPS.find((m) => m.name === a.app);
    const title = known && known.title[lang].toLowerCase() !== a.app ? ` ${known.title[lang]}` : '';
    const rest = a.tools.filter((t) => !given.includes(`${a.app}_${t}`));
    return `- ${a.app}${title}: ${rest.length ? rest.join(', ') : '(all yours)'}`;
  });
}
