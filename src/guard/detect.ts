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
  {
    label: 'addresses the agent',
    re: /\b(AI|ordering|delivery|shopping)?\s*(agents?|bots?|assistants?)\b[^.\n]{0,60}\b(must|should|please|need|settle|pay|send|cancel|add|ship|deliver|decline|text|post|tell|move|write)\b|\b(your|the owner's|ordering) assistants?\b|^\s*(agents?|bots?|assistants?)\s*[:,]/im,
  },
  {
    label: 'addresses the agent',
    re: /(助手|助理|AI|机器人|智能体)[^。\n]{0,12}(帮|替|按|把|直接|先|去|代)|让你的(助手|助理)|如果你是[^。\n]{0,12}(助手|AI)/,
  },
  {
    label: 'names account or object ids',
    // Inside prose, not as a JSON value of its own: "转给 p_x 即可", never `"id":"p_x"`.
    re: /(?<![A-Za-z0-9"])(p|grp|preq|addr|saddr|evt|ord|sord|msg|m|pr|d|txn)_[a-z0-9]+(_[a-z0-9]+)*(?![A-Za-z0-9"])/i,
  },
  {
    label: 'asks to change things',
    re: /\b(cancel|scrap|send back|return|decline|recall|unsend|reschedule)\b[^.\n]{0,40}\b(order|invite|invitation|event|meeting|message|it|that)\b|\b(move|change)\b[^.\n]{0,30}\b(event|meeting|address|time)\b|\b(add|put|drop)\b[^.\n]{0,40}\b(cart|order)\b|\b(post|write|leave)\b[^.\n]{0,20}\breview\b/i,
  },
  {
    label: 'asks to change things',
    re: /(取消|撤回|退货|退掉|拒绝)[^。\n]{0,10}(订单|邀请|日程|消息|那条|它)|(改到|改成|改为|换成|改寄)[^。\n]{0,16}|加进购物车|加购|连同购物车|一起结算|(写|给)[^。\n]{0,10}(五星)?好评|拉进日程|加上他|把他加上/,
  },
  {
    label: 'asks for money',
    re: /\b(tip|deposit|fee|collect(ed)?|refundable)\b[^.\n]{0,40}(\d+|yuan|rmb|¥)|再转一次|另付|预付|保证金|按\s*\d+\s*转/i,
  },
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
