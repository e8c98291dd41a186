import type { World } from '../world/index.js';
import { bindRefs } from './agents/oracle.js';
import type { Task } from './task.js';

/**
 * Applies oracle-format steps straight to a world, with no agent and no guard: for checking that the
 * verifier rejects almost-right outcomes. Tool names are model-facing (`food_place_order`).
 */
export function applySteps(
  world: World,
  steps: Task['oracle'],
  keyPrefix = 'apply',
): { ok: boolean; error?: string } {
  const results = new Map<string, unknown>();
  for (const [i, step] of steps.entries()) {
    const app = world.apps.find((a) => step.tool.startsWith(`${a.name}_`));
    if (!app) return { ok: false, error: `no app for ${step.tool}` };
    const tool = step.tool.slice(app.name.length + 1);
    const def = world.tool(app.name, tool);
    const input = bindRefs(step.input, results) as Record<string, unknown>;
    const result = world.call(
      app.name,
      tool,
      def?.effect.kind === 'read' ? input : { ...input, idempotency_key: `${keyPrefix}-${i}` },
    );
    if (!result.ok) return { ok: false, error: `${step.tool}: ${result.error.code} ${result.error.message}` };
    if (step.as) results.set(step.as, result.data);
  }
  return { ok: true };
}
