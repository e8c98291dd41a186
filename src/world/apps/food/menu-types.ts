/**
 * One catalogue dish: [slug, 中文名, English name, price in yuan (or a [low, high] range the seed picks
 * from), tag codes, option preset, description, stock]. The dish id is `d_<restaurant slug>_<slug>`.
 * Stock: a number fixes it in every seed (0 = sold out); 'keep' means never sold out; otherwise random.
 */
export type CatalogDish = [
  slug: string,
  name_zh: string,
  name_en: string,
  price: number | [number, number],
  tags: string,
  options: string,
  description?: string,
  stock?: number | 'keep',
];

/** The tags a dish can carry, as tools show them. */
export const DISH_TAGS = [
  'spicy',
  'vegetarian',
  'vegan',
  'contains-peanuts',
  'contains-nuts',
  'contains-dairy',
  'contains-egg',
  'contains-gluten',
  'contains-seafood',
  'contains-pork',
  'contains-beef',
  'contains-alcohol',
  'caffeine',
  'served-cold',
  'signature',
] as const;

/** One dish tag. */
export type DishTag = (typeof DISH_TAGS)[number];

const TAG_CODES: Record<string, DishTag[]> = {
  spicy: ['spicy'],
  veg: ['vegetarian'],
  vegan: ['vegan', 'vegetarian'],
  pea: ['contains-peanuts'],
  nut: ['contains-nuts'],
  dairy: ['contains-dairy'],
  egg: ['contains-egg'],
  gluten: ['contains-gluten'],
  sea: ['contains-seafood'],
  pork: ['contains-pork'],
  beef: ['contains-beef'],
  alc: ['contains-alcohol'],
  caf: ['caffeine'],
  cold: ['served-cold'],
  sig: ['signature'],
};

/** Expands catalogue tag codes ("spicy pea sig") into tags, in the order of {@link DISH_TAGS}. */
export function expandTags(codes: string): DishTag[] {
  const tags = new Set<DishTag>();
  for (const code of codes.split(/\s+/).filter(Boolean)) {
    const expanded = TAG_CODES[code];
    if (!expanded) throw new Error(`Unknown dish tag code "${code}"`);
    for (const t of expanded) tags.add(t);
  }
  return DISH_TAGS.filter((t) => tags.has(t));
}
