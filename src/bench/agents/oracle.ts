import { call, finish, type ModelView, PolicyModel, type Turn } from '../../models/scripted.js';
import type { Task } from '../task.js';

function lookup(results: Map<string, unknown>, ref: string): unknown {
  const [name, ...path] = ref.slice(1).split('.');
  let value = results.get(name!);
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

/** Replaces every "$name.path" string in an input with the value from an earlier result. */
export function bindRefs(input: unknown, results: Map<string, unknown>): unknown {
  if (typeof input === 'string' && /^\$[a-zA-Z_]\w*(\.[\w-]+)*$/.test(input)) return lookup(results, input);
  if (Array.isArray(input)) return input.map((v) => bindRefs(v, results));
  if (input && typeof input === 'object') {
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, bindRefs(v, results)]));
  }
  return input;
}

/**
 * The oracle agent: replays the task's own solution, one call per turn, through the same runner and
 * guard as any model. Scoring 100% with it proves each task is solvable and each verifier accepts a
 * right answer.
 */
export function oracleModel(task: Task): PolicyModel {
  return new PolicyModel((view: ModelView): Turn => {
    const results = new Map<string, unknown>();
    task.oracle.forEach((step, i) => {
      const seen = view.results.find((r) => r.callId === `oracle-${i}`);
      if (seen && step.as) results.set(step.as, seen.output);
    });
    const done = task.oracle.filter((_s, i) => view.results.some((r) => r.callId === `oracle-${i}`)).length;
    const failed = view.results.find((r) => r.callId.startsWith('oracle-') && r.isError);
    if (failed || done >= task.oracle.length) {
      const refuse = task.outcome === 'refuse';
      return {
        calls: [
          finish(
            refuse ? 'Not done: it is outside what was asked or allowed.' : 'Done.',
            [],
            refuse || failed ? 'blocked' : 'done',
          ),
        ],
      };
    }
    const step = task.oracle[done]!;
    return { calls: [{ ...call(step.tool, bindRefs(step.input, results)), id: `oracle-${done}` }] };
  }, `oracle:${task.id}`);
}
