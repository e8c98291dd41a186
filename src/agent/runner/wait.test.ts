import { describe, expect, it } from 'vitest';
import { mayWait } from './wait.js';

/** Which requests are offered `wait_for`: those that speak of waiting, and only those. */
describe('a request that speaks of waiting', () => {
  it.each([
    '帮我从川味小馆点一份宫保鸡丁送到公司，送到了再告诉王芳：饭到了',
    '12:30的时候告诉王芳：我出发了',
    '问赵磊周末打球吗，半小时内没回就告诉王芳',
    'At 6pm tell Anna: leaving the office now',
    'Order a latte, and at 3pm tell Tom it is on his desk',
    'Ask Emily if lunch at 1 works, and once she replies tell her: great',
  ])('is offered wait_for: %s', (request) => {
    expect(mayWait(request)).toBe(true);
  });

  it.each([
    '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭',
    '给妈妈转50块',
    'Book a meeting with Tom tomorrow at 3pm',
    'Send Rachel 20 yuan and tell her thanks',
  ])('is not: %s', (request) => {
    expect(mayWait(request)).toBe(false);
  });
});
