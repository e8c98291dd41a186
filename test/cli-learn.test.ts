import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

const LUNCH = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';

/** The README's lunch errand, learned as a newcomer would try it: a recipe is whole, or not saved at all. */
describe('learning the README lunch errand', () => {
  it('refuses with the reason and saves nothing, and the same request still does all of it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'errand-learn-'));
    const env = { ERRAND_HOME: home, HOME: home, ERRAND_MODEL: '' };
    const first = await runCli(['run', '--learn', LUNCH], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Not learned: That errand was run by errand's recipes");
    const id = /errand id (e\w+)/.exec(first.stdout)![1]!;

    const learn = await runCli(['recipes', 'learn', id], { env });
    expect(learn.code).toBe(1);
    expect(learn.stderr).toContain(
      "That errand was run by errand's recipes (order_food+send_message), not by a model: the same request already runs again with no model, so there is nothing new to learn. Nothing was saved.",
    );
    expect(learn.stdout).toBe('');
    expect(readdirSync(home)).not.toContain('recipes');
    const list = await runCli(['recipes', 'list'], { env });
    expect(list.stdout).not.toMatch(/^learned-/m);

    const again = await runCli(['run', LUNCH], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/food\.place_order\s+ord_\d+\s+¥\d+\.\d{2}/);
    expect(again.stdout).toMatch(/pay\.pay_request\s+txn_\d+/);
    expect(again.stdout).toMatch(/chat\.send_message\s+msg_\d+/);
  });
});
