import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../connectors/sandbox.js';
import { readPersonWorld } from '../../person/index.js';
import { Toolset } from '../toolset.js';
import { plannerPrompt, updateOperations } from './understand.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 1, persona: 'sam' });
}, 60_000);
afterAll(() => sandbox.close());

const appsNamed = (names: string[]) => sandbox.connectors.filter((c) => names.includes(c.name));

describe('the planner is told which operations a work record can take', () => {
  it('names each app’s update operations, marking the one that cannot be undone, and nothing else', async () => {
    const tools = await Toolset.build(appsNamed(['tracker', 'chat']), []);
    const ops = updateOperations(tools.appTools());
    expect(ops).toMatch(/^tracker: /);
    expect(ops).toContain('merge_pr (cannot be undone)');
    for (const op of ['assign_issue', 'set_labels', 'close_issue', 'comment', 'request_review'])
      expect(ops).toContain(op);
    // Reads, creations and other apps' writes are not updates of a record.
    for (const other of ['get_issue', 'list_prs', 'send_message', 'chat:']) expect(ops).not.toContain(other);
  });

  it('asks for "action" only when a work app is offered: a personal errand’s prompt is as before', async () => {
    const person = readPersonWorld(sandbox.world);
    const work = updateOperations((await Toolset.build(appsNamed(['tracker']), [])).appTools());
    const personal = updateOperations((await Toolset.build(appsNamed(['food', 'chat']), [])).appTools());
    expect(personal).toBe('');
    const withWork = plannerPrompt(sandbox.profile, person, 'now', work);
    expect(withWork).toContain('"action": the one operation the request asks for (tracker: ');
    expect(plannerPrompt(sandbox.profile, person, 'now', personal)).not.toContain('"action"');
  });

  it('lists the company’s stock, and how to declare a restock, only when the inventory is offered', () => {
    const person = readPersonWorld(sandbox.world);
    expect(person.stock?.length).toBeGreaterThan(0);
    const withInventory = plannerPrompt(sandbox.profile, person, 'now', '', true);
    expect(withInventory).toContain('"kind": "restock"');
    const item = person.stock![0]!;
    expect(withInventory).toContain(`- ${item.sku}: ${item.names.join(' / ')} — in ${item.warehouses[0]}`);
    expect(withInventory).toMatch(/wh_sz \(深圳仓 \/ shenzhen warehouse\)/);
    const without = plannerPrompt(sandbox.profile, person, 'now', '', false);
    expect(without).not.toContain('restock');
    expect(without).not.toContain(item.sku);
  });
});
