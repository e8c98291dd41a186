import { afterAll, describe, expect, it } from 'vitest';
import { World } from '../world/index.js';
import { planOffline, readAnswer } from './offline.js';

/**
 * The person's answer to a question is read with their request by the same reader: what the two say
 * together is what errand may then do. An answer that tells nothing adds nothing.
 */
const liming = World.open({ seed: 1, persona: 'liming' });
const sam = World.open({ seed: 1, persona: 'sam' });
afterAll(() => {
  liming.close();
  sam.close();
});

const read = (world: World, request: string, answer: string, question = '?') =>
  readAnswer(world, { request, question, answer })?.intents.map(({ id: _i, said: _s, ...rest }) => rest);

describe('reading the person’s answer with the request', () => {
  it('picks one of two people who sound alike by how the person knows them (zh)', () => {
    expect(planOffline('给张伟转200', liming).kind).toBe('unsure');
    expect(read(liming, '给张伟转200', '大学同学那个', '哪位张伟？')).toEqual([
      { kind: 'transfer', to: 'p_zhangwei', amountFen: 20000 },
    ]);
    // "张伟" said for the neighbour 张薇: the answer corrects who was meant.
    expect(read(liming, '给张伟转200', '邻居', '哪位张伟？')).toEqual([
      { kind: 'transfer', to: 'p_zhangwei2', amountFen: 20000 },
    ]);
  });

  it('takes an amount the request left out (zh and en)', () => {
    expect(read(liming, '给妈妈转点钱', '200', '转多少？')).toEqual([
      { kind: 'transfer', to: 'p_liuxiuying', amountFen: 20000 },
    ]);
    expect(read(liming, '给妈妈转钱', '两百块', '转多少？')).toEqual([
      { kind: 'transfer', to: 'p_liuxiuying', amountFen: 20000 },
    ]);
    expect(read(sam, 'Send Rachel some money', '200', 'How much?')).toEqual([
      { kind: 'transfer', to: 'p_rachel', amountFen: 20000 },
    ]);
  });

  it('reads a further instruction after a yes (zh and en)', () => {
    expect(read(liming, '给王芳转50', '对，再告诉她钱转过去了')).toEqual([
      { kind: 'transfer', to: 'p_wangfang', amountFen: 5000 },
      { kind: 'message', to: ['p_wangfang'] },
    ]);
    expect(read(sam, 'Send Rachel 20 yuan', 'yes, tell Tom I will be late')).toEqual([
      { kind: 'transfer', to: 'p_rachel', amountFen: 2000 },
      { kind: 'message', to: ['p_tom'] },
    ]);
  });

  it('adds nothing for "I don’t know", a bare yes, or a question that names someone the answer does not', () => {
    for (const answer of ['不知道', '我也不清楚。', '随便', '好的', "I don't know.", 'Not sure', 'yes', 'OK'])
      expect(read(liming, '给妈妈转钱', answer, '转多少？'), answer).toBeUndefined();
    // A yes to a request errand already read is an approval, not a new allowance.
    expect(read(liming, '给王芳转50', '好的')).toBeUndefined();
    expect(read(sam, 'Send Rachel 20 yuan', 'Yes.')).toBeUndefined();
    // The question is the model's: what it names is never read as asked for.
    expect(read(liming, '给妈妈转钱', '不知道', '要不要给客服小张转500？')).toBeUndefined();
    expect(
      read(sam, 'Send Rachel some money', "I don't know", 'Should I send 500 to Alex Morgan?'),
    ).toBeUndefined();
  });
});
