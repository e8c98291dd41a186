import { describe, expect, it } from 'vitest';
import { readerIntents, runInProcess } from '../../../test/support/agent.js';
import { trustedContext } from '../../connectors/sandbox.js';
import { type Approver, MandateGuard, mandateSchema, type Question } from '../../guard/index.js';
import { call, finish, ScriptedModel } from '../../models/testing.js';
import { World } from '../../world/index.js';

/** With --confirm the person sees what errand understood, in their words, before anything runs. */
function asking(answer: boolean, seen: Question[]): Approver {
  return {
    ask: async (q) => {
      seen.push(q);
      return { text: answer ? '是' : '不对', approved: answer, by: 'person' };
    },
  };
}

describe('confirming what errand understood', () => {
  const request = '给妈妈转200块';
  const script = () =>
    new ScriptedModel([
      { calls: [call('pay_transfer', { to_account_id: 'p_liuxiuying', amount_fen: 20000, memo: '' })] },
      { calls: [finish('转好了')] },
    ]);

  it('runs nothing when the person does not confirm', async () => {
    const world = World.open({ seed: 1 });
    const before = world.snapshot();
    const seen: Question[] = [];
    const guard = new MandateGuard(mandateSchema.parse({}), trustedContext(world, request));
    const { report, journal, errandId } = await runInProcess(script(), request, {
      world,
      guard,
      intents: readerIntents(request, world),
      confirm: true,
      approver: asking(false, seen),
    });
    expect(seen).toEqual([
      {
        kind: 'confirm',
        lines: ['给 妈妈（刘秀英） 转账 ¥200.00'],
        text: 'errand 理解的是这些，照这样做吗？',
      },
    ]);
    expect(report.status).toBe('cancelled');
    expect(world.diff(before).empty).toBe(true);
    expect(journal.events(errandId).map((e) => e.type)).toContain('intents.confirmed');
  });

  it('runs as confirmed when the person says yes', async () => {
    const world = World.open({ seed: 1 });
    const guard = new MandateGuard(mandateSchema.parse({}), trustedContext(world, request));
    const { report } = await runInProcess(script(), request, {
      world,
      guard,
      intents: readerIntents(request, world),
      confirm: true,
      approver: asking(true, []),
    });
    expect(report).toMatchObject({ status: 'finished', outcome: 'done' });
    expect(guard.intents?.source).toBe('person');
  });
});
