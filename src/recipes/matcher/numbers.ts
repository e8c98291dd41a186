/** Chinese numerals as people write them: 二十, 一百五十, 两千. */

/** Chinese digits and their values. */
export const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** Reads a Chinese numeral such as 二十, 一百五十, 两千 (up to the ten thousands). */
export function chineseNumber(text: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百千万]+$/.test(text)) return undefined;
  let total = 0;
  let section = 0;
  let digit = 0;
  let lastUnit = 1;
  let zero = false;
  for (const ch of text) {
    if (ch in CHINESE_DIGITS) {
      digit = CHINESE_DIGITS[ch]!;
      if (digit === 0) zero = true;
    } else {
      const unit = UNITS[ch]!;
      if (unit === 10000) {
        total += (section + digit) * unit;
        section = 0;
      } else section += (digit || 1) * unit;
      digit = 0;
      lastUnit = unit;
      zero = false;
    }
  }
  // A digit right after 百, 千 or 万 counts in the next unit down: 一百五 is 150, 两千五 is 2500;
  // with 零 between them it is a unit digit: 一百零五 is 105.
  if (digit && lastUnit >= 100 && !zero) digit *= lastUnit / 10;
  return total + section + digit;
}
