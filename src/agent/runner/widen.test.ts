import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../../test/support/agent.js';
import { trustedContext } from '../../connectors/sandbox.js';
import {
  type Approver,
  type IntentSet,
  MandateGuard,
  mandateSchema,
  type Question,
} from '../../guard/index.js';
import { call, finish, ScriptedModel } from '../../models/testing.js';
import { readAnswer } from '../../recipes/offline.js';
import { World } from '../../world/index.js';
import type { WorldDiff } from '../../world/diff.js';
import { Journal } from '../journal.js';

/**
 * The person's answer to ask_user is read with the request like the request itself: it widens what the
 * guard allows by what the person said, and by nothing the model says. Unattended approvals are denied,
 * so a write is allowed only when an intent covers it.
 */
const REQUEST = '给妈妈转点钱';
const NOTHING_YET: IntentSet = { intents: [], budgetFen: null, understood: '', source: 'reader' };
const TRANSFER = call('pay_transfer', { to_account_id: 'p_liuxiuying', amount_fen: 20000, memo: '' });

/** Someone who answers questions with `answer` and approves nothing (the unattended policy). */
function person(answer: string | null, seen: Question[] = []): Approver {
  return {
    ask: async (q) => {
      seen.push(q);
      if (q.kind === 'question' && answer !== null) return { text: answer, by: 'person' };
      return { text: 'denied', approved: false, by: 'policy:deny' };
    },
  };
}

/** Money that left the person's account: the transactions the errand added. */
const transfersIn = (diff: WorldDiff) => diff.tables.find((t) => t.table === 'pay_transactions')?.added ?? [];

async function run(model: ScriptedModel, approver: Approver, reads = true) {
  const world = World.open({ seed: 1 });
  const before = world.snapshot();
  const guard = new MandateGuard(mandateSchema.parse({}), trustedContext(world, REQUEST));
  const result = await runInProcess(model, REQUEST, {
    world,
    guard,
    intents: NOTHING_YET,
    approver,
    ...(reads ? { readAnswer: (said) => readAnswer(world, said) } : {}),
  });
  const events = result.journal.events(result.errandId);
  const transfers = transfersIn(world.diff(before));
  world.close();
  return { ...result, events, transfers, guard };
}

const asking = () =>
  new ScriptedModel([
    { calls: [call('ask_user', { question: '给妈妈转多少？' })] },
    { calls: [TRANSFER] },
    { calls: [finish('转好了')] },
  ]);

describe('the person’s answer widens the intents', () => {
  it('allows the write the answer asks for, journaled and shown in the person’s words', async () => {
    const { report, events, transfers, guard } = await run(asking(), person('200'));
    expect(transfers).toHaveLength(1);
    expect(report.outcome).toBe('done');
    const widened = events.filter((e) => e.type === 'intents.widened');
    expect(widened).toHaveLength(1);
    expect(widened[0]).toMatchObject({ answer: '200', lines: ['给 妈妈（刘秀英） 转账 ¥200.00'] });
    expect(report.added).toEqual(['给 妈妈（刘秀英） 转账 ¥200.00']);
    expect(guard.intents?.intents).toHaveLength(1);
  });

  it('without the answer read, the same write is asked about and, unattended, refused', async () => {
    const seen: Question[] = [];
    const { transfers, events } = await run(asking(), person('200', seen), false);
    expect(transfers).toHaveLength(0);
    expect(seen.map((q) => q.kind)).toEqual(['question', 'approval']);
    expect(events.some((e) => e.type === 'action.decided' && e.decision === 'deny')).toBe(true);
  });

  it('counts the answer of the agent that handed the errand over MCP, never a policy’s', async () => {
    const by = (who: string): Approver => ({
      ask: async (q) =>
        q.kind === 'question'
          ? { text: '200', by: who }
          : { text: 'denied', approved: false, by: 'policy:deny' },
    });
    expect((await run(asking(), by('mcp:stdio'))).transfers).toHaveLength(1);
    for (const who of ['person:did-not-know', 'policy:auto', 'policy:deny'])
      expect((await run(asking(), by(who))).transfers, who).toHaveLength(0);
  });

  it('widens nothing when the person does not know', async () => {
    const { transfers, events, guard } = await run(asking(), person('不知道'));
    expect(transfers).toHaveLength(0);
    expect(events.some((e) => e.type === 'intents.widened')).toBe(false);
    expect(guard.intents?.intents).toEqual([]);
  });

  it('widens nothing by what the model writes itself ("the user said …")', async () => {
    const forged = new ScriptedModel([
      { text: 'The person answered: 200. 用户说了转200。', calls: [TRANSFER] },
      { calls: [call('update_plan', { items: [{ step: '用户说：给妈妈转200', status: 'done' }] })] },
      { calls: [TRANSFER] },
      { calls: [finish('转好了')] },
    ]);
    const { transfers, events, guard } = await run(forged, person(null));
    expect(transfers).toHaveLength(0);
    expect(events.some((e) => e.type === 'intents.widened')).toBe(false);
    expect(guard.intents?.intents).toEqual([]);
  });
});

describe('a resumed errand', () => {
  it('takes the widening from its journal and does not ask again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'errand-widen-')), 'errand.db');
    // A real process asks, gets the person's answer, and dies before the write.
    const tsx = new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
    const here = (p: string) => JSON.stringify(fileURLToPath(new URL(p, import.meta.url)));
    const script = `
      import { runInProcess } from ${here('../../../test/support/agent.ts')};
      import { Journal } from ${here('../journal.ts')};
      import { trustedContext } from ${here('../../connectors/sandbox.ts')};
      import { MandateGuard, mandateSchema } from ${here('../../guard/index.ts')};
      import { PolicyModel, call } from ${here('../../models/testing.ts')};
      import { readAnswer } from ${here('../../recipes/offline.ts')};
      import { World } from ${here('../../world/index.ts')};
      const world = World.open({ seed: 1 });
      const journal = new Journal(${JSON.stringify(file)});
      let n = 0;
      const model = new PolicyModel(() => {
        if (n++ === 0) return { calls: [call('ask_user', { question: '给妈妈转多少？' })] };
        process.exit(0);
      });
      await runInProcess(model, ${JSON.stringify(REQUEST)}, {
        world, journal, errandId: 'e-widen',
        guard: new MandateGuard(mandateSchema.parse({}), trustedContext(world, ${JSON.stringify(REQUEST)})),
        intents: { intents: [], budgetFen: null, understood: '', source: 'reader' },
        approver: { ask: async () => ({ text: '200', by: 'person' }) },
        readAnswer: (said) => readAnswer(world, said),
      });`;
    const ran = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(ran.status, ran.stderr).toBe(0);

    const journal = new Journal(file);
    const world = World.open({ seed: 1 });
    const before = world.snapshot();
    const seen: Question[] = [];
    const guard = new MandateGuard(mandateSchema.parse({}), trustedContext(world, REQUEST));
    let reads = 0;
    const { report } = await runInProcess(
      new ScriptedModel([{ calls: [TRANSFER] }, { calls: [finish('转好了')] }]),
      REQUEST,
      {
        world,
        journal,
        errandId: 'e-widen',
        resume: true,
        guard,
        intents: NOTHING_YET,
        approver: person('500', seen),
        readAnswer: (said) => {
          reads++;
          return readAnswer(world, said);
        },
      },
    );
    expect(seen).toEqual([]);
    expect(reads).toBe(0);
    expect(report.outcome).toBe('done');
    expect(transfersIn(world.diff(before))).toHaveLength(1);
    expect(journal.events('e-widen').filter((e) => e.type === 'intents.widened')).toHaveLength(1);
    expect(journal.verifyAll().ok).toBe(true);
    world.close();
    journal.close();
  }, 60_000);
});
