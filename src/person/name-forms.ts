/** Generic helpers for the names things go by: brackets, repeats. */

/** Names without duplicates or blanks, in order. */
export function uniqueNames(names: (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const s = n?.trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** The name without a bracketed part: "汉庭酒店（虹桥站店）" → "汉庭酒店", "Beef Tacos (3)" → "Beef Tacos". */
export function withoutBrackets(name: string): string {
  return name.replace(/\s*[（(][^）)]*[）)]\s*/g, ' ').trim();
}

/** The bracketed parts of a name: "Zhang Wei (Vivian)" → ["Vivian"]. */
export function bracketed(name: string): string[] {
  return [...name.matchAll(/[（(]([^）)]*)[）)]/g)].map((m) => m[1]!.trim()).filter(Boolean);
}

/** What people call an English-named group by one of its words: "the lunch group" for "Team Lunch". */
export function englishGroupWords(title: string): string[] {
  return title
    .split(/\s+/)
    .filter((w) => w.length >= 4)
    .flatMap((w) => [`${w} group`, `${w} chat`]);
}
