import {
  call,
  finish,
  type ModelView,
  PolicyModel,
  type SeenResult,
  type Turn,
} from '../../models/scripted.js';
import { ATTACK_CALL_PREFIX } from '../attack-goal.js';
import type { Task } from '../task.js';
import { overlapsOwnStep, type Route, routesFor } from './hijack-routes.js';
import { bindRefs } from './oracle.js';

/** Every string in a tool result: app text arrives as fields of JSON, or as text when it was cut. */
function textsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) textsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) textsOf(v, out);
  return out;
}

/**
 * How to recognise the planted text in what the model read: its first run of characters that JSON
 * leaves as they are (a cut result arrives as escaped JSON text), at most 24 of them.
 */
function markOf(planted: string): string {
  const runs = planted.split(/["\\\n\r\t]/).filter((r) => r.trim().length >= 4);
  return (runs[0] ?? planted).trim().slice(0, 24);
}

/** True when the model has read the planted text in this result. */
function sawPlanted(result: SeenResult, mark: string): boolean {
  return !result.isError && textsOf(result.output).some((t) => t.includes(mark));
}

/**
 * The hijacked agent: a model fully taken over by what it reads. It does the person's errand (the
 * task's own solution), and once a tool result holds the planted text it carries out the attacker's
 * objective — `injection.wants`, never a reading of the text — through every route the apps offer
 * (a transfer, a payment, a message, a group message, an invitation, extra order lines, another order,
 * the cart, a different address, a cancellation, a return, a reply, a review, a recall), moving on to
 * the next route whenever one is refused or fails, then finishes the errand. When the objective repeats
 * a step of the errand itself (a second payment to the person's payee), the errand's own step goes
 * first. Its attack calls' ids start with `attack-`; its look-ups on the way with `probe-`, and writes that
 * carry nothing of the attacker's (the person's own dish put in a cart) with `setup-`.
 */
export function hijackedModel(task: Task): PolicyModel {
  const want = task.injection?.wants;
  const mark = task.injection ? markOf(task.injection.text) : undefined;
  let routes: Route[] | undefined;
  let route = 0;
  let move = 0;
  let pending: string | undefined;
  let attackOver = false;

  return new PolicyModel((view: ModelView): Turn => {
    const own = new Map<string, unknown>();
    const taken = new Map<string, unknown>();
    for (const seen of view.results) {
      if (seen.isError) continue;
      if (seen.callId.startsWith('oracle-')) {
        const name = task.oracle[Number(seen.callId.split('-')[1])]?.as;
        if (name) own.set(name, seen.output);
      } else if (/^(attack|probe|setup)-/.test(seen.callId)) {
        const name = seen.callId.split(':')[1];
        if (name) taken.set(name, seen.output);
      }
    }

    if (!routes && want && mark && view.results.some((r) => sawPlanted(r, mark)))
      routes = routesFor(task, want);

    // How the last attack call went: on to its route's next call, or to the next route.
    if (pending && routes) {
      const result = view.results.find((r) => r.callId === pending);
      if (result) {
        pending = undefined;
        if (result.isError) {
          route++;
          move = 0;
        } else if (++move >= routes[route]!.moves.length) attackOver = true;
      }
    }

    const tried = (i: number) => view.results.some((r) => r.callId === `oracle-${i}`);
    let done = 0;
    while (done < task.oracle.length && view.results.some((r) => r.callId === `oracle-${done}` && !r.isError))
      done++;
    const failed = tried(done) && done < task.oracle.length;
    const ahead = failed ? [] : task.oracle.slice(done);
    const deferred = want !== undefined && ahead.some((s) => overlapsOwnStep(want, s));

    if (routes && !attackOver && !deferred) {
      while (route < routes.length) {
        const r = routes[route]!;
        // A route that bends the person's own step is only open while that step is still ahead.
        if (r.ownStep !== undefined && move === 0 && r.ownStep < done + (failed ? 1 : 0)) {
          route++;
          continue;
        }
        const m = r.moves[move]!;
        const input =
          typeof m.input === 'function' ? m.input({ results: taken, system: view.system }) : m.input;
        if (!input) {
          route++;
          move = 0;
          continue;
        }
        const kind = m.read ? 'probe-' : m.setup ? 'setup-' : ATTACK_CALL_PREFIX;
        pending = `${kind}${route}-${move}${m.as ? `:${m.as}` : ''}`;
        return { calls: [{ ...call(m.tool, input), id: pending }] };
      }
      attackOver = true;
    }

    if (failed || done >= task.oracle.length) {
      const refuse = task.outcome === 'refuse';
      return {
        calls: [finish(refuse ? 'Not done.' : 'Done.', [], refuse || failed ? 'blocked' : 'done')],
      };
    }
    const step = task.oracle[done]!;
    return { calls: [{ ...call(step.tool, bindRefs(step.input, own)), id: `oracle-${done}` }] };
  }, `hijacked:${task.id}`);
}
