/** One choice within an option group, e.g. 微辣 (mild) in 辣度 (spice level). */
export interface OptionChoice {
  /** Unique within a dish: what add_to_cart and place_order take, e.g. `spice_mild`. */
  id: string;
  name_zh: string;
  name_en: string;
  /** Extra price in fen per unit. */
  surcharge: number;
}

/** A group of choices on a dish: pick one (with a default), or any number when `multi`. */
export interface OptionGroup {
  key: string;
  name_zh: string;
  name_en: string;
  multi: boolean;
  /** The choice taken when none of the group is given; null for multi groups. */
  default: string | null;
  choices: OptionChoice[];
}

type ChoiceRow = [id: string, zh: string, en: string, yuan: number];

function one(key: string, zh: string, en: string, def: string, choices: ChoiceRow[]): OptionGroup {
  return { key, name_zh: zh, name_en: en, multi: false, default: def, choices: choices.map(toChoice) };
}

function many(key: string, zh: string, en: string, choices: ChoiceRow[]): OptionGroup {
  return { key, name_zh: zh, name_en: en, multi: true, default: null, choices: choices.map(toChoice) };
}

function toChoice([id, zh, en, yuan]: ChoiceRow): OptionChoice {
  return { id, name_zh: zh, name_en: en, surcharge: Math.round(yuan * 100) };
}

const GROUPS: Record<string, OptionGroup> = {
  spice: one('spice', '辣度', 'Spice level', 'spice_medium', [
    ['spice_none', '不辣', 'Not spicy', 0],
    ['spice_mild', '微辣', 'Mild', 0],
    ['spice_medium', '中辣', 'Medium', 0],
    ['spice_hot', '特辣', 'Extra hot', 0],
  ]),
  rice: many('extra', '加料', 'Extras', [
    ['extra_rice', '加一份米饭', 'Extra rice', 2],
    ['extra_egg', '加煎蛋', 'Fried egg', 3],
  ]),
  size: one('size', '份量', 'Portion', 'size_regular', [
    ['size_regular', '标准份', 'Regular', 0],
    ['size_large', '大份', 'Large', 8],
  ]),
  noodle: one('noodle', '面量', 'Noodles', 'noodle_regular', [
    ['noodle_regular', '标准', 'Regular', 0],
    ['noodle_more', '加面', 'Extra noodles', 3],
  ]),
  topping: many('extra', '加料', 'Extras', [
    ['extra_egg', '卤蛋', 'Braised egg', 3],
    ['extra_beef', '加牛肉', 'Extra beef', 8],
  ]),
  cup: one('cup', '杯型', 'Cup size', 'cup_medium', [
    ['cup_medium', '中杯', 'Medium', 0],
    ['cup_large', '大杯', 'Large', 3],
  ]),
  temp: one('temp', '温度', 'Temperature', 'temp_hot', [
    ['temp_hot', '热', 'Hot', 0],
    ['temp_iced', '冰', 'Iced', 0],
  ]),
  shot: many('extra', '加料', 'Extras', [
    ['extra_shot', '加一份浓缩', 'Extra espresso shot', 4],
    ['extra_vanilla', '香草糖浆', 'Vanilla syrup', 3],
  ]),
  sugar: one('sugar', '甜度', 'Sugar', 'sugar_70', [
    ['sugar_full', '全糖', 'Full sugar', 0],
    ['sugar_70', '七分糖', '70% sugar', 0],
    ['sugar_50', '半糖', '50% sugar', 0],
    ['sugar_30', '三分糖', '30% sugar', 0],
    ['sugar_0', '无糖', 'No sugar', 0],
  ]),
  ice: one('ice', '冰量', 'Ice', 'ice_normal', [
    ['ice_normal', '正常冰', 'Regular ice', 0],
    ['ice_less', '少冰', 'Less ice', 0],
    ['ice_none', '去冰', 'No ice', 0],
    ['ice_hot', '热饮', 'Hot', 0],
  ]),
  pearls: many('topping', '小料', 'Toppings', [
    ['top_pearl', '珍珠', 'Tapioca pearls', 2],
    ['top_coconut', '椰果', 'Coconut jelly', 2],
    ['top_pudding', '布丁', 'Pudding', 3],
    ['top_cheese', '芝士奶盖', 'Cheese foam', 4],
  ]),
  pizza: one('size', '尺寸', 'Size', 'size_9in', [
    ['size_9in', '9寸', '9 inch', 0],
    ['size_12in', '12寸', '12 inch', 20],
  ]),
  cheese: many('extra', '加料', 'Extras', [['extra_cheese', '加芝士', 'Extra cheese', 8]]),
  meal: one('meal', '套餐', 'Meal', 'meal_single', [
    ['meal_single', '单点', 'Just the item', 0],
    ['meal_combo', '套餐（薯条+可乐）', 'Combo (fries + cola)', 12],
  ]),
  patty: many('extra', '加料', 'Extras', [
    ['extra_cheese', '加芝士片', 'Cheese slice', 3],
    ['extra_patty', '加肉饼', 'Extra patty', 10],
  ]),
  doneness: one('doneness', '熟度', 'Doneness', 'done_medium', [
    ['done_medium_rare', '五分熟', 'Medium rare', 0],
    ['done_medium', '七分熟', 'Medium', 0],
    ['done_well', '全熟', 'Well done', 0],
  ]),
  firmness: one('firmness', '面硬度', 'Noodle firmness', 'firm_regular', [
    ['firm_regular', '普通', 'Regular', 0],
    ['firm_hard', '偏硬', 'Firm', 0],
    ['firm_soft', '偏软', 'Soft', 0],
  ]),
  ramen: many('extra', '加料', 'Extras', [
    ['extra_egg', '溏心蛋', 'Soft-boiled egg', 4],
    ['extra_chashu', '加叉烧', 'Extra chashu', 10],
  ]),
  egg: many('extra', '加料', 'Extras', [['extra_egg', '加荷包蛋', 'Fried egg', 2]]),
  dumplings: one('count', '数量', 'Count', 'count_12', [
    ['count_12', '12只', '12 pieces', 0],
    ['count_20', '20只', '20 pieces', 12],
  ]),
};

/** Named sets of option groups a catalogue dish refers to ("coffee", "spice+rice"). */
const PRESETS: Record<string, string[]> = {
  coffee: ['cup', 'temp', 'shot'],
  tea: ['sugar', 'ice', 'pearls'],
  fruit_tea: ['sugar', 'ice'],
  noodle: ['noodle', 'topping'],
  pizza: ['pizza', 'cheese'],
  burger: ['meal', 'patty'],
  ramen: ['firmness', 'ramen'],
};

/**
 * The option groups of a catalogue preset: a `+`-joined list of preset or group names, e.g.
 * `spice+rice`. Empty text means no options.
 */
export function optionGroups(preset: string): OptionGroup[] {
  if (!preset) return [];
  const groups = preset.split('+').flatMap((name) => {
    const names = PRESETS[name] ?? [name];
    return names.map((g) => {
      const group = GROUPS[g];
      if (!group) throw new Error(`Unknown option group "${g}" in preset "${preset}"`);
      return group;
    });
  });
  const ids = groups.flatMap((g) => g.choices.map((c) => c.id));
  const keys = groups.map((g) => g.key);
  if (new Set(ids).size !== ids.length || new Set(keys).size !== keys.length) {
    throw new Error(`Option preset "${preset}" repeats a group or a choice`);
  }
  return groups;
}
