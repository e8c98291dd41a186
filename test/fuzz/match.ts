/** Pairing for the fuzz's judge. */

/**
 * Pairs items with slots (each slot takes at most one item) and returns the items left without one:
 * augmenting paths, so a greedy choice never hides a fit.
 */
export function unmatched<A, B>(items: A[], slots: B[], fits: (a: A, b: B) => boolean): A[] {
  const owner = new Map<number, number>();
  const assign = (i: number, seen: Set<number>): boolean => {
    for (let s = 0; s < slots.length; s++) {
      if (seen.has(s) || !fits(items[i]!, slots[s]!)) continue;
      seen.add(s);
      const o = owner.get(s);
      if (o === undefined || assign(o, seen)) {
        owner.set(s, i);
        return true;
      }
    }
    return false;
  };
  return items.filter((_, i) => !assign(i, new Set()));
}
