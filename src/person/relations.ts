/**
 * The words people use for how they know someone: "老妈" and "mom" for a contact whose relation is
 * 母亲, "my sister" for a sister, "老板" / "boss" for a manager.
 */

// [words that name the relation in a contact list, words a request may use for it]
const RELATIONS: [string[], string[]][] = [
  [
    ['母亲', '妈妈', 'mother', 'mom'],
    ['妈妈', '老妈', '我妈', '母亲', '妈咪', 'mom', 'mum', 'mother', 'mommy', 'mama'],
  ],
  [
    ['父亲', '爸爸', 'father', 'dad'],
    ['爸爸', '老爸', '我爸', '父亲', 'dad', 'father', 'daddy', 'papa'],
  ],
  [
    ['sister', '姐姐', '妹妹'],
    ['姐姐', '妹妹', '我姐', '我妹', 'sister', 'sis'],
  ],
  [
    ['brother', '哥哥', '弟弟'],
    ['哥哥', '弟弟', '我哥', '我弟', 'brother', 'bro'],
  ],
  [
    ['表姐', '表妹', '堂姐', 'cousin'],
    ['表姐', '表妹', '堂姐', 'cousin'],
  ],
  [
    ['上司', 'manager', '经理'],
    ['上司', '领导', '老板', '经理', 'manager', 'boss', 'supervisor'],
  ],
  [
    ['director', '总监'],
    ['总监', 'director'],
  ],
  [
    ['同事', '外籍同事', 'colleague'],
    ['同事', 'colleague', 'coworker', 'co-worker', 'workmate'],
  ],
  [
    ['朋友', 'friend'],
    ['朋友', 'friend', 'buddy', 'pal'],
  ],
  [
    ['大学同学', '高中同学', '同学', 'classmate'],
    ['同学', 'classmate'],
  ],
  [
    ['邻居', 'neighbour', 'neighbor'],
    ['邻居', 'neighbour', 'neighbor'],
  ],
  [
    ['房东', 'landlord'],
    ['房东', 'landlord', 'landlady'],
  ],
  [
    ['女朋友', 'girlfriend'],
    ['女朋友', '女友', '对象', 'girlfriend'],
  ],
  [
    ['客户', 'client'],
    ['客户', 'client', 'customer'],
  ],
  [
    ['健身教练', '教练', 'trainer'],
    ['健身教练', '教练', 'personal trainer', 'trainer', 'coach'],
  ],
  [
    ['flatmate', 'roommate', '室友'],
    ['室友', 'flatmate', 'roommate', 'housemate'],
  ],
  [['gym buddy'], ['gym buddy', 'workout buddy', 'gym partner']],
  // Both parents, or the family, as one ("给爸妈点…", "for my parents").
  [
    ['父母', 'parents'],
    ['爸妈', '父母', '家人', 'parents', 'family', 'mum and dad', 'mom and dad'],
  ],
  [['球友'], ['球友']],
];

/** The words a request may use for a contact with this relation ("母亲" → 妈妈, 老妈, mom...). */
export function relationWords(relation: string): string[] {
  const r = relation.trim().toLowerCase();
  const out = new Set<string>([relation.trim()]);
  for (const [own, words] of RELATIONS) {
    if (own.some((w) => w.toLowerCase() === r)) for (const w of words) out.add(w);
  }
  // "大学同学" is also a 同学: the general word for a specific relation.
  for (const [own, words] of RELATIONS) {
    if (own.some((w) => r !== w.toLowerCase() && r.endsWith(w.toLowerCase()) && w.length >= 2))
      for (const w of words) out.add(w);
  }
  return [...out].filter((w) => w.length >= 2);
}

/** True when a word is one people use for how they know someone ("Mum", "老妈", "my boss"), of anyone. */
export function isRelationWord(word: string): boolean {
  const w = word.trim().toLowerCase();
  return RELATIONS.some(([own, words]) => [...own, ...words].some((x) => x.toLowerCase() === w));
}
