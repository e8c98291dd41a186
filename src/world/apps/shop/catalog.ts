/** The shop's categories, fixed: tasks and the search filter name them by id. */
export const CATEGORIES = [
  { id: 'electronics', name_zh: '数码电子', name_en: 'Electronics' },
  { id: 'home', name_zh: '家居日用', name_en: 'Home' },
  { id: 'books', name_zh: '图书', name_en: 'Books' },
  { id: 'food_drink', name_zh: '食品饮料', name_en: 'Food & Drink' },
  { id: 'beauty', name_zh: '美妆个护', name_en: 'Beauty' },
  { id: 'sports', name_zh: '运动户外', name_en: 'Sports' },
  { id: 'clothing', name_zh: '服饰', name_en: 'Clothing' },
  { id: 'gifts', name_zh: '礼品', name_en: 'Gifts' },
  { id: 'baby', name_zh: '母婴', name_en: 'Baby' },
] as const;

/** A category id such as `electronics`. */
export type CategoryId = (typeof CATEGORIES)[number]['id'];

/** The category ids, for input enums. */
export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as [CategoryId, ...CategoryId[]];

/** One choice of a product (a colour, a size), with its own stock; id `pv_<product slug>_<key>`. */
export interface CatalogVariant {
  key: string;
  name_zh: string;
  name_en: string;
  /** Extra price over the product's price, in whole yuan. */
  delta?: number;
}

/** One product of the fixed catalogue; the seed varies its price, stock and rating. */
export interface CatalogProduct {
  /** The product id is `pr_<slug>`. */
  slug: string;
  category: CategoryId;
  name_zh: string;
  name_en: string;
  brand: string;
  /** Typical price in whole yuan; each seed moves it by up to `spread` yuan either way. */
  yuan: number;
  spread?: number;
  /** `in`: always in stock (tasks rely on it); `none`: sold out in every seed; default: seed decides. */
  stock?: 'in' | 'none';
  /** The seller's text (untrusted). */
  description: string;
  variants?: CatalogVariant[];
}

/** Variants for clothing sizes, e.g. `sizes(['M', 'L'])`. */
export function sizes(list: string[]): CatalogVariant[] {
  return list.map((s) => ({ key: s.toLowerCase(), name_zh: `${s}码`, name_en: `Size ${s}` }));
}
