/**
 * The small company both personas work at, 星河智能 / Xinghe Smart (smart-home gadgets, Shanghai): who
 * works there, in which team, and their work mail. The work apps (mail, ledger, inventory, tracker)
 * read it; every colleague is one of the personas' contacts already.
 */

/** One employee: a person of the world, their team and role, and their work address. */
export interface Employee {
  id: string;
  team: 'supply' | 'finance' | 'engineering' | 'marketing' | 'management';
  role_zh: string;
  role_en: string;
  email: string;
}

/** The company's name, as its apps show it. */
export const COMPANY = { zh: '星河智能', en: 'Xinghe Smart', domain: 'xinghe.example' } as const;

/** Everyone at the company, the two personas first. */
export const EMPLOYEES: Employee[] = [
  { id: 'p_liming', team: 'supply', role_zh: '供应链主管', role_en: 'Supply chain lead', email: 'liming' },
  { id: 'p_sam', team: 'engineering', role_zh: '工程负责人', role_en: 'Engineering lead', email: 'sam' },
  {
    id: 'p_chenjing',
    team: 'management',
    role_zh: '运营总监',
    role_en: 'Director of operations',
    email: 'chenjing',
  },
  { id: 'p_priya', team: 'engineering', role_zh: '工程经理', role_en: 'Engineering manager', email: 'priya' },
  { id: 'p_wangfang', team: 'finance', role_zh: '财务', role_en: 'Accountant', email: 'wangfang' },
  { id: 'p_liuyang', team: 'supply', role_zh: '仓库主管', role_en: 'Warehouse manager', email: 'liuyang' },
  { id: 'p_sunli', team: 'supply', role_zh: '采购专员', role_en: 'Buyer', email: 'sunli' },
  {
    id: 'p_huangting',
    team: 'marketing',
    role_zh: '市场经理',
    role_en: 'Marketing manager',
    email: 'huangting',
  },
  {
    id: 'p_luolin',
    team: 'engineering',
    role_zh: '前端工程师',
    role_en: 'Frontend engineer',
    email: 'luolin',
  },
  { id: 'p_xufei', team: 'engineering', role_zh: '后端工程师', role_en: 'Backend engineer', email: 'xufei' },
  { id: 'p_emily', team: 'engineering', role_zh: '测试工程师', role_en: 'QA engineer', email: 'emily' },
  { id: 'p_lisa', team: 'engineering', role_zh: '后端工程师', role_en: 'Backend engineer', email: 'lisa' },
  { id: 'p_kevin', team: 'engineering', role_zh: '运维工程师', role_en: 'DevOps engineer', email: 'kevin' },
].map((e) => ({ ...e, email: `${e.email}@${COMPANY.domain}` }) as Employee);

/** True when someone works at the company. */
export function isEmployee(id: string): boolean {
  return EMPLOYEES.some((e) => e.id === id);
}

/** An employee by id. */
export function employee(id: string): Employee | undefined {
  return EMPLOYEES.find((e) => e.id === id);
}
