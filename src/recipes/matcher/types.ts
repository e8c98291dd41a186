/**
 * The offline matcher's contract: a request in Chinese or English, and the world's catalogue, in; the
 * built-in recipes to run with their parameters, out — or what it understood and what is missing.
 */

import type { PersonWorld } from '../../person/index.js';

/** Something the matcher can recognise by any of its names. */
export interface Named {
  id: string;
  /** Every name it goes by, in Chinese and English (name_zh, name_en, nickname, aliases...). */
  names: string[];
}

/** One option group of a dish (cup size, sugar, ice, meal): pick one choice, or any number. */
export interface OptionGroup {
  key: string;
  multi: boolean;
  /** Names are the choice's Chinese and English names and their short forms ("套餐" for "套餐（薯条+可乐）"). */
  choices: (Named & { surchargeFen: number })[];
}

/** What the matcher knows of the world: read through the apps' own read tools. */
export interface Catalogue {
  /** The persona the errand is for. */
  persona: { id: string; personId: string; language: 'zh' | 'en' };
  /** The world's time now, epoch ms (times like "明天下午3点" are read against it, UTC+8). */
  now: number;
  restaurants: (Named & { cuisine: string })[];
  dishes: (Named & { restaurantId: string; priceFen: number; stock: number; options: OptionGroup[] })[];
  /**
   * The person's world (`person/`): the one place people, relations and saved addresses are read,
   * the same the guard checks against. `contacts` and `groups` are its lists.
   */
  person: PersonWorld;
  /** Contacts: names include name_zh, name_en, nickname; relation such as 妈妈 / sister. */
  contacts: PersonWorld['contacts'];
  groups: PersonWorld['groups'];
  places: (Named & { category: string })[];
  products: (Named & { priceFen: number; stock: number; variants: Named[] })[];
  /** The persona's saved addresses in food (addr_*) and shop (saddr_*): labels such as 家 / 公司 / Home / Office. */
  foodAddresses: (Named & { placeId: string })[];
  shopAddresses: (Named & { placeId: string })[];
  /** The persona's calendar from today for three weeks: names are the title and its parts. */
  events: (Named & { start: string; organizerId: string; myResponse: string })[];
  /** The persona's usable food coupons: for one restaurant or (null) any. */
  coupons: (Named & { restaurantId: string | null; thresholdFen: number; discountFen: number })[];
  /** The persona's recent food orders: names are the restaurant's and the dishes' (for showing). */
  foodOrders: (Named & { status: string; restaurantId: string; dishIds: string[]; createdAt: string })[];
  /** The persona's shop orders: names are the products' (for showing); returnBy is local time or null. */
  shopOrders: (Named & {
    status: string;
    productIds: string[];
    variantIds: string[];
    createdAt: string;
    returnBy: string | null;
  })[];
  /** Open bills (payment requests) addressed to the persona. */
  bills: (Named & { payee: string; amountFen: number })[];
}

/** The built-in recipes and their parameters. */
export interface RecipeParams {
  /** Order dishes from one restaurant for delivery and pay for it. */
  order_food: {
    restaurant_id: string;
    /** options: the chosen option choice ids from the menu, left out when none is said. */
    items: { dish_id: string; quantity: number; options?: string[] }[];
    address_id: string;
    coupon_id?: string;
    budget_fen?: number;
  };
  /** Send money to a contact. */
  transfer: { to: string; amount_fen: number; memo?: string };
  /** Pay an open bill. */
  pay_bill: { request_id: string };
  /** Send a chat message to a contact or a group. */
  send_message: { to: string; text: string };
  /** Create a calendar event with invitations. Start is local time "YYYY-MM-DDTHH:mm". */
  schedule_event: {
    title: string;
    start: string;
    duration_minutes: number;
    attendee_ids: string[];
    location?: string;
  };
  /** Buy a product and pay for it. */
  buy_product: {
    product_id: string;
    variant_id?: string;
    quantity: number;
    address_id: string;
    budget_fen?: number;
  };
  /** Accept or decline an invitation someone else sent. */
  answer_invitation: { event_id: string; response: 'accept' | 'decline' };
  /** Move an event the person organises to a new start (local "YYYY-MM-DDTHH:mm"), keeping its length. */
  move_event: { event_id: string; start: string };
  /** Cancel an event the person organises. */
  cancel_event: { event_id: string };
  /** Cancel a food order not yet being prepared (created or paid; a paid one is refunded). */
  cancel_food_order: { order_id: string };
  /** Cancel a shop order not yet shipped (created or paid; a paid one is refunded). */
  cancel_shop_order: { order_id: string };
  /** Return a delivered shop order within its return window, with the person's reason. */
  return_order: { order_id: string; reason: string };
  /** Find a route between two places. */
  find_route: {
    from_place_id: string;
    to_place_id: string;
    mode: 'walk' | 'bike' | 'ebike' | 'drive' | 'transit';
  };
  /** Find places by words or category, optionally near a place. */
  find_place: { query: string; category?: string; near_place_id?: string };
}

/** A built-in recipe's name. */
export type RecipeName = keyof RecipeParams;

/** One recipe to run, with its parameters. */
export type MatchedStep = { [K in RecipeName]: { recipe: K; params: RecipeParams[K] } }[RecipeName];

/** What the matcher made of a request. */
export type MatchResult =
  | {
      kind: 'match';
      /** One recipe, or two for "order … and tell …". */
      steps: MatchedStep[];
      /** 0..1: how sure the matcher is. */
      confidence: number;
      /** What it understood, in the request's language, for the person to read. */
      understood: string;
    }
  | {
      kind: 'unsure';
      confidence: number;
      /** What it did understand. */
      understood: string;
      /** What is missing or ambiguous, in the request's language: "哪位张伟？张伟 (大学同学) 还是 张薇 (邻居)". */
      missing: string[];
    };
