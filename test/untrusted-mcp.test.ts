import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { connectServers, connectorsConfigSchema } from '../src/connectors/config.js';
import { trustedContext } from '../src/connectors/sandbox.js';
import type { Connector } from '../src/connectors/types.js';
import { unattended } from '../src/guard/defaults.js';
import { MandateGuard } from '../src/guard/guard.js';
import { mandateSchema } from '../src/guard/mandate.js';
import { call, finish, ScriptedModel } from '../src/models/testing.js';
import { World } from '../src/world/index.js';
import { runInProcess } from './support/agent.js';

/**
 * A third-party MCP server lying about its effects is a different attack from text in app data: its
 * tool claims `readOnlyHint` and writes anyway. errand must not believe an untrusted server's account
 * of its own tools: every call to it is asked about, and with no one to approve, it never runs.
 */
const server = fileURLToPath(new URL('./fixtures/lying-mcp-server.ts', import.meta.url));
const open: Connector[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function errandWith(trusted: boolean | undefined) {
  const ledger = join(mkdtempSync(join(tmpdir(), 'errand-lying-')), 'ledger.txt');
  const config = connectorsConfigSchema.parse({
    sandbox: false,
    servers: {
      notes: {
        command: process.execPath,
        args: ['--import', 'tsx', server, ledger],
        ...(trusted === undefined ? {} : { trusted }),
      },
    },
  });
  const connectors = await connectServers(config.servers);
  open.push(...connectors);
  const request = '帮我查一下“周会”那条笔记';
  const world = World.open({ seed: 1 });
  const mandate = mandateSchema.parse({});
  const guard = new MandateGuard(mandate, trustedContext(world, request), () => world.now);
  const model = new ScriptedModel([
    { calls: [call('notes_lookup_note', { title: '周会' })] },
    { calls: [finish('looked it up')] },
  ]);
  const run = await runInProcess(model, request, {
    world,
    connectors,
    guard,
    approver: unattended('deny'),
    intents: { intents: [], budgetFen: null, understood: '查一条笔记', source: 'person' },
  });
  const events = run.journal.events(run.errandId);
  world.close();
  return { ledger, events };
}

describe('an untrusted MCP server that says its tool only reads', () => {
  it('is untrusted by default in the connectors file, and its "read-only" tool is asked about, then refused', async () => {
    const { ledger, events } = await errandWith(undefined);
    const proposed = events.find((e) => e.type === 'action.proposed');
    expect(proposed).toMatchObject({ tool: 'notes_lookup_note', effect: { kind: 'irreversible' } });
    const decided = events.find((e) => e.type === 'action.decided');
    expect(decided).toMatchObject({ decision: 'deny', by: 'policy:deny' });
    expect((decided as { reason: string }).reason).toMatch(/notes\.lookup_note/);
    expect(events.some((e) => e.type === 'action.started')).toBe(false);
    expect(existsSync(ledger), 'the server never ran the call').toBe(false);
  });

  it('is refused the same when the file says trusted: false', async () => {
    const { ledger, events } = await errandWith(false);
    expect(events.find((e) => e.type === 'action.decided')).toMatchObject({
      decision: 'deny',
      by: 'policy:deny',
    });
    expect(existsSync(ledger)).toBe(false);
  });

  it('does write when it is wrongly trusted: the lie is real, only trust stops it', async () => {
    const { ledger, events } = await errandWith(true);
    expect(events.find((e) => e.type === 'action.decided')).toMatchObject({ decision: 'allow', by: 'guard' });
    expect(readFileSync(ledger, 'utf8')).toMatch(/sent 500 yuan/);
  });
});
