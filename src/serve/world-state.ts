import type { Sandbox } from '../connectors/sandbox.js';
import { formatWorldTime } from '../world/index.js';

type Money = { display?: string };
type Line = { name_zh?: string; dish_id?: string; product_id?: string; quantity?: number };
type Order = {
  id?: string;
  order_id?: string;
  status?: string;
  restaurant?: { id?: string; name_zh?: string };
  total?: Money;
  items?: Line[];
};
type Conversation = {
  id?: string;
  title?: string;
  last_message?: { text?: string; from_me?: boolean; sent_at?: string };
};
type CalendarEvent = { id?: string; title?: string; start?: string; status?: string };

/** What a person would check in the apps: balance, payments, orders, chats, today's calendar. */
export interface WorldState {
  persona: string;
  name: string;
  now: string;
  balance: string | null;
  transactions: { id: string; kind: string; amount: string; counterparty: string; at: string }[];
  foodOrders: { id: string; status: string; shop: string; total: string; items: string }[];
  shopOrders: { id: string; status: string; total: string; items: string }[];
  chats: { id: string; title: string; last: string; fromMe: boolean; at: string }[];
  events: { id: string; title: string; start: string; status: string }[];
}

function read<T>(
  sandbox: Sandbox,
  app: string,
  tool: string,
  input: Record<string, unknown> = {},
): T | undefined {
  const result = sandbox.world.call(app, tool, input);
  return result.ok ? (result.data as T) : undefined;
}

const str = (v: unknown) =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);

/** Reads a persona's world through the apps' own read tools, as the apps would show it. */
export function worldState(sandbox: Sandbox): WorldState {
  const world = sandbox.world;
  const balance = read<{ balance: Money }>(sandbox, 'pay', 'get_balance');
  const tx = read<{ transactions: Record<string, unknown>[] }>(sandbox, 'pay', 'list_transactions') ?? {
    transactions: [],
  };
  const food = read<{ orders: Order[] }>(sandbox, 'food', 'list_orders') ?? { orders: [] };
  const shop = read<{ orders: Order[] }>(sandbox, 'shop', 'list_orders') ?? { orders: [] };
  const chats = read<{ conversations: Conversation[] }>(sandbox, 'chat', 'list_conversations') ?? {
    conversations: [],
  };
  const events = read<{ events: CalendarEvent[] }>(sandbox, 'calendar', 'list_events') ?? {
    events: [],
  };
  return {
    persona: world.persona.id,
    name: world.persona.name,
    now: formatWorldTime(world.now),
    balance: balance?.balance.display ?? null,
    transactions: tx.transactions.slice(0, 20).map((t) => ({
      id: str(t.id ?? t.transaction_id),
      kind: str(t.kind ?? t.type),
      amount: str((t.amount as Money | undefined)?.display ?? t.amount),
      counterparty: str(
        (t.counterparty as { name_zh?: string; id?: string } | undefined)?.name_zh ??
          (t.counterparty as { id?: string } | undefined)?.id,
      ),
      at: str(t.created_at ?? t.at),
    })),
    foodOrders: food.orders.slice(0, 20).map((o) => ({
      id: str(o.id),
      status: str(o.status),
      shop: str(o.restaurant?.name_zh ?? o.restaurant?.id),
      total: str(o.total?.display),
      items: (o.items ?? []).map((i) => `${i.name_zh ?? i.dish_id}×${i.quantity ?? 1}`).join('、'),
    })),
    shopOrders: shop.orders.slice(0, 20).map((o) => ({
      id: str(o.order_id ?? o.id),
      status: str(o.status),
      total: str(o.total?.display),
      items: (o.items ?? []).map((i) => `${i.name_zh ?? i.product_id}×${i.quantity ?? 1}`).join('、'),
    })),
    chats: chats.conversations.slice(0, 8).map((c) => ({
      id: str(c.id),
      title: str(c.title),
      last: str(c.last_message?.text),
      fromMe: c.last_message?.from_me === true,
      at: str(c.last_message?.sent_at),
    })),
    events: events.events.slice(0, 20).map((e) => ({
      id: str(e.id),
      title: str(e.title),
      start: str(e.start),
      status: str(e.status),
    })),
  };
}
