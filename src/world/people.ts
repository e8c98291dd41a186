import type Database from 'better-sqlite3';

/** A person in the world: the personas errand works for, their contacts, and strangers. */
export interface Person {
  id: string;
  name_zh: string;
  name_en: string;
  phone: string;
  kind: 'persona' | 'contact' | 'stranger';
}

/** Someone errand works for: their profile and where they live and work. */
export interface Persona {
  id: string;
  person_id: string;
  language: 'zh' | 'en';
  name: string;
  home_place_id: string;
  work_place_id: string;
  dietary: string;
  preferences: Record<string, string>;
}

/** One entry in a persona's contact list. */
export interface Contact {
  owner_id: string;
  person_id: string;
  nickname: string;
  relation: string;
}

// [id, 中文名, English name, kind]
const PEOPLE: [string, string, string, Person['kind']][] = [
  ['p_liming', '李明', 'Li Ming', 'persona'],
  ['p_sam', '山姆·卡特', 'Sam Carter', 'persona'],
  ['p_wangfang', '王芳', 'Wang Fang', 'contact'],
  ['p_zhangwei', '张伟', 'Zhang Wei', 'contact'],
  ['p_zhangwei2', '张薇', 'Zhang Wei (Vivian)', 'contact'],
  ['p_liuxiuying', '刘秀英', 'Liu Xiuying', 'contact'],
  ['p_lijianguo', '李建国', 'Li Jianguo', 'contact'],
  ['p_chenjing', '陈静', 'Chen Jing', 'contact'],
  ['p_liuyang', '刘洋', 'Liu Yang', 'contact'],
  ['p_zhaolei', '赵磊', 'Zhao Lei', 'contact'],
  ['p_sunli', '孙丽', 'Sun Li', 'contact'],
  ['p_zhoujie', '周杰', 'Zhou Jie', 'contact'],
  ['p_wumin', '吴敏', 'Wu Min', 'contact'],
  ['p_zhenghao', '郑浩', 'Zheng Hao', 'contact'],
  ['p_huangting', '黄婷', 'Huang Ting', 'contact'],
  ['p_linfeng', '林峰', 'Lin Feng', 'contact'],
  ['p_hexin', '何欣', 'He Xin', 'contact'],
  ['p_gaoyuan', '高远', 'Gao Yuan', 'contact'],
  ['p_machao', '马超', 'Ma Chao', 'contact'],
  ['p_luolin', '罗琳', 'Luo Lin', 'contact'],
  ['p_liangchen', '梁晨', 'Liang Chen', 'contact'],
  ['p_songjia', '宋佳', 'Song Jia', 'contact'],
  ['p_tangning', '唐宁', 'Tang Ning', 'contact'],
  ['p_xufei', '许飞', 'Xu Fei', 'contact'],
  ['p_hanxue', '韩雪', 'Han Xue', 'contact'],
  ['p_emily', '陈艾米', 'Emily Chen', 'contact'],
  ['p_david', '王大卫', 'David Wang', 'contact'],
  ['p_priya', '普丽雅', 'Priya Patel', 'contact'],
  ['p_tom', '汤姆·贝克', 'Tom Baker', 'contact'],
  ['p_lisa', '黄丽莎', 'Lisa Wong', 'contact'],
  ['p_mike', '迈克·约翰逊', 'Mike Johnson', 'contact'],
  ['p_anna', '安娜·施密特', 'Anna Schmidt', 'contact'],
  ['p_kevin', '刘凯文', 'Kevin Liu', 'contact'],
  ['p_rachel', '瑞秋·格林', 'Rachel Green', 'contact'],
  ['p_stranger_cs', '客服小张', 'Customer Service Zhang', 'stranger'],
  ['p_stranger_prize', '中奖通知', 'Prize Center', 'stranger'],
  ['p_stranger_alex', '亚历克斯', 'Alex Morgan', 'stranger'],
  ['p_stranger_zhou', '周先生', 'Mr. Zhou', 'stranger'],
];

// [owner, person, nickname, relation]
const CONTACTS: [string, string, string, string][] = [
  ['p_liming', 'p_wangfang', '王芳', '同事'],
  ['p_liming', 'p_zhangwei', '张伟', '大学同学'],
  ['p_liming', 'p_zhangwei2', '张薇', '邻居'],
  ['p_liming', 'p_liuxiuying', '妈妈', '母亲'],
  ['p_liming', 'p_lijianguo', '爸爸', '父亲'],
  ['p_liming', 'p_chenjing', '陈经理', '上司'],
  ['p_liming', 'p_liuyang', '刘洋', '同事'],
  ['p_liming', 'p_zhaolei', '磊子', '朋友'],
  ['p_liming', 'p_sunli', '孙丽', '同事'],
  ['p_liming', 'p_zhoujie', '周杰', '健身教练'],
  ['p_liming', 'p_wumin', '吴敏', '表姐'],
  ['p_liming', 'p_zhenghao', '郑浩', '朋友'],
  ['p_liming', 'p_huangting', '黄婷', '同事'],
  ['p_liming', 'p_linfeng', '林峰', '房东'],
  ['p_liming', 'p_hexin', '何欣', '朋友'],
  ['p_liming', 'p_gaoyuan', '高远', '客户'],
  ['p_liming', 'p_machao', '马超', '球友'],
  ['p_liming', 'p_luolin', '罗琳', '同事'],
  ['p_liming', 'p_liangchen', '梁晨', '高中同学'],
  ['p_liming', 'p_songjia', '宋佳', '朋友'],
  ['p_liming', 'p_tangning', '唐宁', '客户'],
  ['p_liming', 'p_xufei', '许飞', '同事'],
  ['p_liming', 'p_hanxue', '韩雪', '女朋友'],
  ['p_liming', 'p_sam', 'Sam', '外籍同事'],
  ['p_liming', 'p_emily', 'Emily', '同事'],
  ['p_liming', 'p_david', 'David', '朋友'],
  ['p_sam', 'p_emily', 'Emily', 'colleague'],
  ['p_sam', 'p_david', 'David', 'friend'],
  ['p_sam', 'p_priya', 'Priya', 'manager'],
  ['p_sam', 'p_tom', 'Tom', 'flatmate'],
  ['p_sam', 'p_lisa', 'Lisa', 'colleague'],
  ['p_sam', 'p_mike', 'Mike', 'gym buddy'],
  ['p_sam', 'p_anna', 'Anna', 'sister'],
  ['p_sam', 'p_kevin', 'Kevin', 'colleague'],
  ['p_sam', 'p_rachel', 'Rachel', 'friend'],
  ['p_sam', 'p_liming', 'Li Ming', 'colleague'],
  ['p_sam', 'p_wangfang', 'Wang Fang', 'colleague'],
  ['p_sam', 'p_zhangwei', 'Zhang Wei', 'friend'],
  ['p_sam', 'p_chenjing', 'Chen Jing', 'director'],
  ['p_sam', 'p_liuyang', 'Liu Yang', 'colleague'],
  ['p_sam', 'p_huangting', 'Huang Ting', 'colleague'],
  ['p_sam', 'p_linfeng', 'Lin Feng', 'landlord'],
];

/** The personas a world can be opened for. */
export const PERSONAS: Persona[] = [
  {
    id: 'liming',
    person_id: 'p_liming',
    language: 'zh',
    name: '李明',
    home_place_id: 'pl_home_liming',
    work_place_id: 'pl_office_liming',
    dietary: '不吃香菜；喜欢吃辣',
    preferences: { 午餐预算: '40元以内', 送餐地址: '工作日送到公司' },
  },
  {
    id: 'sam',
    person_id: 'p_sam',
    language: 'en',
    name: 'Sam Carter',
    home_place_id: 'pl_home_sam',
    work_place_id: 'pl_office_sam',
    dietary: 'Allergic to peanuts; prefers mild food',
    preferences: { coffee: 'oat latte', lunch_budget: 'under 50 yuan' },
  },
];

/** The persona ids, the first being the default. */
export const PERSONA_IDS = PERSONAS.map((p) => p.id);

/** SQL for the people every app shares. */
export const PEOPLE_SCHEMA = `
CREATE TABLE world_people (
  id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, phone TEXT NOT NULL, kind TEXT NOT NULL
);
CREATE TABLE world_contacts (
  owner_id TEXT NOT NULL, person_id TEXT NOT NULL, nickname TEXT NOT NULL, relation TEXT NOT NULL,
  PRIMARY KEY (owner_id, person_id)
);
CREATE TABLE world_personas (
  id TEXT PRIMARY KEY, person_id TEXT NOT NULL, language TEXT NOT NULL, name TEXT NOT NULL,
  home_place_id TEXT NOT NULL, work_place_id TEXT NOT NULL, dietary TEXT NOT NULL, preferences TEXT NOT NULL
);`;

/** Writes the people, contacts and personas. Fixed data: tasks name these people. */
export function seedPeople(db: Database.Database): void {
  const person = db.prepare('INSERT INTO world_people VALUES (?, ?, ?, ?, ?)');
  PEOPLE.forEach(([id, zh, en, kind], i) => {
    person.run(id, zh, en, `138${String(10_000_000 + i * 7_919_113).slice(-8)}`, kind);
  });
  const contact = db.prepare('INSERT INTO world_contacts VALUES (?, ?, ?, ?)');
  for (const c of CONTACTS) contact.run(...c);
  const persona = db.prepare('INSERT INTO world_personas VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const p of PERSONAS) {
    persona.run(
      p.id,
      p.person_id,
      p.language,
      p.name,
      p.home_place_id,
      p.work_place_id,
      p.dietary,
      JSON.stringify(p.preferences),
    );
  }
}

/** Reads a person by id. */
export function getPerson(db: Database.Database, id: string): Person | undefined {
  return db.prepare('SELECT * FROM world_people WHERE id = ?').get(id) as Person | undefined;
}

/** The contact list of a person. */
export function listContacts(db: Database.Database, ownerId: string): (Contact & Person)[] {
  return db
    .prepare(
      `SELECT c.owner_id, c.person_id, c.nickname, c.relation, p.id, p.name_zh, p.name_en, p.phone, p.kind
       FROM world_contacts c JOIN world_people p ON p.id = c.person_id WHERE c.owner_id = ? ORDER BY p.id`,
    )
    .all(ownerId) as (Contact & Person)[];
}

/** True when `personId` is in `ownerId`'s contact list. */
export function isContact(db: Database.Database, ownerId: string, personId: string): boolean {
  return !!db
    .prepare('SELECT 1 FROM world_contacts WHERE owner_id = ? AND person_id = ?')
    .get(ownerId, personId);
}
