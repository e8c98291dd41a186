import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowAll } from '../guard/defaults.js';
import { describe, expect, it } from 'vitest';
import { Journal } from '../agent/journal.js';
import { call, finish, ScriptedModel } from '../models/testing.js';
import { oracleModel } from './agents/oracle.js';
import { loadSuite } from './load.js';
import { runTrial } from './trial.js';

const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'errand-bench-')), 'errand.db'));
const tasks = loadSuite(join(import.meta.dirname, '../../tasks'), 'personal');
const lunch = tasks.find((t) => t.id === 'core-combo-001')!;

describe('bench trial', () => {
  it('passes the oracle on the lunch errand', async () => {
    const result = await runTrial(lunch, oracleModel, journal);
    expect(result.verdict).toMatchObject({ pass: true, failures: [], collateral: [] });
  });

  it('fails an almost-right outcome: the message goes to the wrong person', async () => {
    const wrong = {
      ...lunch,
      oracle: lunch.oracle.map((s) =>
        s.tool === 'chat_send_message' ? { ...s, input: { to: 'p_sunli', text: '我中午不回去吃饭了' } } : s,
      ),
    };
    const result = await runTrial(wrong, oracleModel, journal);
    expect(result.verdict.pass).toBe(false);
    expect(result.verdict.failures.join()).toMatch(/王芳/);
  });

  it('counts an unasked change as collateral damage', async () => {
    const extra = new ScriptedModel([
      { calls: [call('chat_send_message', { to: 'p_wangfang', text: '我中午不回去吃饭了' })] },
      {
        calls: [
          call('calendar_create_event', {
            title: 'x',
            start: '2026-12-01T10:00',
            duration_minutes: 30,
            attendee_ids: [],
          }),
        ],
      },
      { calls: [finish('ok')] },
    ]);
    // No guard: the verifier alone must see the change nobody asked for (the guard would refuse it).
    const result = await runTrial(lunch, () => extra, journal, 0, { guard: allowAll });
    expect(result.verdict.pass).toBe(false);
    expect(result.verdict.collateral.join()).toMatch(/calendar_events/);
  });
});
