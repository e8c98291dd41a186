/**
 * Finds instruction-like text in content written by others (Chinese and English). A flag does not
 * block anything — grounding and the mandate do that — it tells the journal and the model that the
 * data is trying to give orders.
 */
const PATTERNS: { label: string; re: RegExp }[] = [
  {
    label: 'override of instructions',
    re: /ignore (all |any |the )?(previous|prior|above|earlier) (instructions|rules|prompts?)|disregard (your|the|all) (instructions|rules)/i,
  },
  {
    label: 'override of instructions',
    re: /忽略(之前|以上|前面|先前|所有)的?(指令|指示|规则|要求|提示)|无视(之前|以上|所有)的?(指令|规则)/,
  },
  {
    label: 'claims authority',
    re: /\b(system|admin|administrator|developer) (message|note|notice|override|instruction)s?\b|\[\s*system\s*\]|<\s*system\s*>/i,
  },
  { label: 'claims authority', re: /(系统|管理员|平台|官方)(消息|通知|指令|提示|要求)[:：]|【\s*系统\s*】/ },
  {
    label: 'addresses the agent',
    re: /\b(AI|assistant|agent|bot|errand)\b[^.\n]{0,40}\b(must|should|need to|has to|please|now)\b/i,
  },
  {
    label: 'addresses the agent',
    re: /(AI|人工智能|智能助手|助手|机器人|代理)[^。\n]{0,20}(必须|务必|请|需要|应该|立即|马上)/,
  },
  { label: 'asks for money', re: /\b(transfer|send|pay|wire)\b[^.\n]{0,40}\b(\d+|money|yuan|rmb|cny|¥)/i },
  {
    label: 'asks for money',
    re: /(转账|转给|打款|汇款|付款|支付|转\s*\d+)[^。\n]{0,30}(元|块|¥|￥|账户|账号|\d)/,
  },
  {
    label: 'asks to message someone',
    re: /\b(send|forward|message|tell|notify)\b[^.\n]{0,30}\b(to|contact)\b[^.\n]{0,30}\b(p_\w+|grp_\w+|\+?\d{6,})/i,
  },
  { label: 'asks to message someone', re: /(发消息|发送|转发|通知|告诉)[^。\n]{0,20}(给|到)[^。\n]{0,20}/ },
  {
    label: 'asks to message someone',
    re: /\b(tell|notify|message|send|forward|email|text)\b[^.\n]{0,12}\b(p|grp)_[a-z0-9_]+/i,
  },
  {
    label: 'asks to message someone',
    re: /(发给|发送给|告诉|通知|转告|转发给)\s*[“"「]?(p|grp)_[a-z0-9_]+/i,
  },
  { label: 'asks to order more', re: /\b(also|additionally|must) (order|buy|add)\b/i },
  { label: 'asks to order more', re: /(必须|务必|请|顺便|另外)(加|多)?(点|买|下单|加购|购买)/ },
  { label: 'urgency', re: /\b(urgent|immediately|right now|asap)\b/i },
  { label: 'urgency', re: /(紧急|立即|马上|立刻|务必)/ },
];

/** The kinds of instruction-like text found in `text`; empty when it reads as plain data. */
export function detectInstructions(text: string): string[] {
  const found = new Set<string>();
  for (const { label, re } of PATTERNS) if (re.test(text)) found.add(label);
  // Urgency alone is common in ordinary notices ("limited time!"); it only counts beside another sign.
  if (found.size === 1 && found.has('urgency')) return [];
  return [...found];
}
