import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { Journal } from '../../src/agent/journal.js';
import { type RunOptions, type RunResult, runErrand } from '../../src/agent/runner.js';
import { inProcessConnectors } from '../../src/connectors/in-process.js';
import type { IntentSet } from '../../src/guard/index.js';
import { useModel } from '../../src/models/registry.js';
import { planOffline } from '../../src/recipes/offline.js';
import { World } from '../../src/world/index.js';

/** A journal in a fresh temporary folder: a real SQLite file. */
export function tempJournal(): Journal {
  return new Journal(join(mkdtempSync(join(tmpdir(), 'errand-journal-')), 'errand.db'));
}

/** The profile of the default persona, as the sandbox gives it. */
export const LIMING = { name: '李明', language: 'zh' as const, personId: 'p_liming', preferences: {} };

/** Runs an errand with a scripted model against an in-process world (no protocol), for loop tests. */
export async function runInProcess(
  model: LanguageModelV3,
  request: string,
  options: Partial<RunOptions> & { world?: World } = {},
): Promise<RunResult & { world: World; journal: Journal }> {
  const world = options.world ?? World.open({ seed: 1 });
  const journal = options.journal ?? tempJournal();
  const result = await runErrand({
    task: { request, profile: LIMING, model: `${model.provider}:${model.modelId}` },
    connectors: options.connectors ?? inProcessConnectors(world),
    journal,
    retry: { retries: 3, baseMs: 1, timeoutMs: 5000 },
    ...options,
    model: options.model ?? useModel(model),
  });
  return { ...result, world, journal };
}

/** What the offline reader understands a request to ask for, as the guard's intents; fails when it is not sure. */
export function readerIntents(request: string, world: World): IntentSet {
  const plan = planOffline(request, world);
  if (plan.kind !== 'run' || !plan.intents) throw new Error(`The reader is not sure of "${request}"`);
  return plan.intents;
}
