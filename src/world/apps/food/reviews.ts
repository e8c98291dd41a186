/** Display names of the strangers who write reviews. */
export const REVIEWERS = [
  '吃货小王',
  '上海阿姨',
  'Jenny_SH',
  '打工人小李',
  '路过的猫',
  'FoodieTom',
  '小红薯',
  '张先生',
  'Momo',
  '夜猫子',
  'Grace L.',
  '老饕',
  '陆家嘴搬砖人',
  'Ben in Shanghai',
  '不吃香菜',
  '周末宅家',
];

/**
 * Review texts by stars; `{dish}` becomes a dish of the restaurant. A mix of Chinese and English, as on
 * a real app. [stars, text]
 */
export const REVIEW_TEXTS: [number, string][] = [
  [5, '味道很正宗，分量足，下次还点。'],
  [5, '送得很快，到手还是热的，好评！'],
  [5, '{dish}太好吃了，强烈推荐。'],
  [5, 'The {dish} is excellent. Will order again.'],
  [5, 'Arrived hot and on time, generous portions.'],
  [5, '包装很用心，一点没洒，{dish}很入味。'],
  [4, '性价比不错，工作日午餐的好选择。'],
  [4, '{dish}好吃，就是稍微有点咸。'],
  [4, 'Solid food, packaging could be better.'],
  [4, 'Good {dish}, delivery took a bit longer than shown.'],
  [4, '整体不错，米饭给得有点少。'],
  [3, '中规中矩，价格稍贵。'],
  [3, '{dish}一般般，没有上次好吃。'],
  [3, 'Decent but a bit pricey for the portion.'],
  [3, '味道还行，送餐慢了二十分钟。'],
  [2, '{dish}分量太少了，不值这个价。'],
  [2, 'Took forever to arrive and the {dish} was cold.'],
  [2, '汤洒了一半，体验不好。'],
  [1, '等了一个多小时，菜都凉了，差评。'],
  [1, 'Wrong order delivered and no reply from the shop.'],
];
