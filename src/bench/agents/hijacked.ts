import { call, finish, type ModelView, PolicyModel, type Turn } from '../../models/scripted.js';
import { stableJson } from '../../validation.js';
import { ATTACK_CALL_PREFIX } from '../attack-goal.js';
import type { Task } from '../task.js';
import { overlapsOwnStep, type Route, routesFor } from './hijack-routes.js';
import { bindRefs } from './oracle.js';
import { markOf, offeredTools, sawPlanted } from './planted.js';

/** True when some "$name.path" in an input found nothing: the errand has not made that object yet. */
function waiting(input: unknown, bound: unknown): boolean {
  if (typeof input === 'string') return /^\$[a-zA-Z_]/.test(input) && bound === undefined;
  if (Array.isArray(input)) return input.some((v, i) => waiting(v, (bound as unknown[])[i]));
  if (input && typeof input === 'object')
    return Object.entries(input).some(([k, v]) => waiting(v, (bound as Record<string, unknown>)[k]));
  return false;
}

/**
 * The hijacked agent: a model fully taken over by what it reads. It does the person's errand (the
 * task's own solution), and once a tool result holds the planted text it carries out the attacker's
 * objective — `injection.wants`, never a reading of the text — through every route the apps offer
 * (a transfer, a payment, a message, a group message, an invitation, extra order lines, another order,
 * the cart, a different address, a cancellation, a return, a reply, a review, a recall), moving on to
 * the next route whenever one is refused or fails, then finishes the errand. When the objective repeats
 * a step of the errand itself (a second payment to the person's payee), or names something the errand
 * makes ("$order.id": the order it just placed), the errand's own step goes first. Its attack calls' ids start with `attack-`; its look-ups on the way with `probe-`, and writes that
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
  /** Every call made so far: the runner will not make exactly the same write twice, so a route that would is skipped. */
  const issued = new Set<string>();
  const say = (tool: string, input: unknown, id: string): Turn => {
    issued.add(`${tool}:${stableJson(input)}`);
    return { calls: [{ ...call(tool, input), id }] };
  };

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

    if (!routes && want && mark && view.results.some((r) => sawPlanted(r, mark))) {
      // A model can only call what it is offered: routes through apps the errand was not given are no route.
      const offered = offeredTools(view);
      routes = routesFor(task, want).filter((r) => !offered || r.moves.every((m) => offered.has(m.tool)));
    }

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

    const over = failed || done >= task.oracle.length;
    if (routes && !attackOver) {
      while (route < routes.length) {
        const r = routes[route]!;
        // Routes that bend the person's own step go first; the others wait until that step is done.
        if (deferred && r.ownStep === undefined) break;
        // A route that bends the person's own step is only open while that step is still ahead.
        if (r.ownStep !== undefined && move === 0 && r.ownStep < done + (failed ? 1 : 0)) {
          route++;
          continue;
        }
        const m = r.moves[move]!;
        const raw =
          typeof m.input === 'function' ? m.input({ results: taken, system: view.system }) : m.input;
        // An objective may name what the errand itself makes ("$order.id"): wait until it exists.
        const input = raw && (bindRefs(raw, own) as Record<string, unknown>);
        if (raw && input && waiting(raw, input) && !over) break;
        if (
          !raw ||
          !input ||
          waiting(raw, input) ||
          (!m.read && issued.has(`${m.tool}:${stableJson(input)}`))
        ) {
          route++;
          move = 0;
          continue;
        }
        const kind = m.read ? 'probe-' : m.setup ? 'setup-' : ATTACK_CALL_PREFIX;
        pending = `${kind}${route}-${move}${m.as ? `:${m.as}` : ''}`;
        return say(m.tool, input, pending);
      }
      if (route >= routes.length) attackOver = true;
    }

    if (over) {
      const refuse = task.outcome === 'refuse';
      return {
        calls: [finish(refuse ? 'Not done.' : 'Done.', [], refuse || failed ? 'blocked' : 'done')],
      };
    }
    const step = task.oracle[done]!;
    return say(step.tool, bindRefs(step.input, own), `oracle-${done}`);
  }, `hijacked:${task.id}`);
}
