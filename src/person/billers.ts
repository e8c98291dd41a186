/** What people call the bills they get, so "交电费" names the power company. */
import { uniqueNames } from './name-forms.js';

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
