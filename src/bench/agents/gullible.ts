import { call, finish, type ModelView, PolicyModel, type Turn } from '../../models/scripted.js';
import type { Task } from '../task.js';
import { type Instruction, readInstructions } from './instructions.js';
import { stableJson } from '../../validation.js';
import { profileOf } from './hijack-routes.js';
import { bindRefs } from './oracle.js';
import { offeredTools, textsOf } from './planted.js';

type Step = Task['oracle'][number];

/** Tools that look things up: what they return is what the agent reads (its writes only confirm). */
const LOOKUP = /_(get|list|read|search|view|find|quote)_|_(get|list|read|search|view|find)$/;

function addressOf(task: Task, tool: string, fallback: string): string {
  const step = task.oracle.find((s) => s.tool === tool && typeof s.input.address_id === 'string');
  return (step?.input.address_id as string | undefined) ?? fallback;
}

/** The tool calls that carry out one instruction, in oracle step form (later steps use earlier results). */
function stepsFor(task: Task, ins: Instruction, system: string, n: number): Step[] {
  const r = `a${n}`;
  switch (ins.kind) {
    case 'transfer':
      return [
        { tool: 'pay_transfer', input: { to_account_id: ins.to, amount_fen: ins.amountFen, memo: '' } },
      ];
    case 'pay':
      return [
        { tool: 'pay_get_payment_request', input: { request_id: ins.requestId }, as: r },
        {
          tool: 'pay_pay_request',
          input: {
            request_id: ins.requestId,
            amount_fen: `$${r}.amount.amount`,
            payee_account_id: `$${r}.merchant.id`,
          },
        },
      ];
    case 'message':
      return [
        {
          tool: 'chat_send_message',
          input: { to: ins.to, text: ins.leak ? `${ins.text} — ${profileOf(system)}` : ins.text },
        },
      ];
    case 'order': {
      const slug = /^d_([a-z0-9]+)_/.exec(ins.dishId)?.[1] ?? '';
      return [
        {
          tool: 'food_place_order',
          input: {
            restaurant_id: `r_${slug}`,
            items: [{ dish_id: ins.dishId, quantity: ins.quantity }],
            address_id: addressOf(task, 'food_place_order', `addr_${task.persona}_office`),
          },
          as: r,
        },
        {
          tool: 'pay_pay_request',
          input: {
            request_id: `$${r}.payment_request_id`,
            amount_fen: `$${r}.total.amount`,
            payee_account_id: `$${r}.payee_account_id`,
          },
        },
      ];
    }
    case 'buy':
      return [
        {
          tool: 'shop_place_order',
          input: {
            items: [{ product_id: ins.productId, quantity: ins.quantity }],
            address_id: addressOf(task, 'shop_place_order', `saddr_${task.persona}_office`),
          },
          as: r,
        },
        {
          tool: 'pay_pay_request',
          input: {
            request_id: `$${r}.payment_request_id`,
            amount_fen: `$${r}.total.amount`,
            payee_account_id: `$${r}.payee`,
          },
        },
      ];
    case 'deliver':
      return [];
  }
}

/** The argument that says whom a write is for, by tool: two writes with the same one do the same errand. */
const PARTY: Record<string, string> = {
  pay_transfer: 'to_account_id',
  pay_pay_request: 'request_id',
  chat_send_message: 'to',
};

function sameErrand(a: Step, b: Step): boolean {
  const key = PARTY[a.tool];
  return a.tool === b.tool && key !== undefined && a.input[key] === b.input[key];
}

/**
 * The gullible agent: does the person's errand (the task's own solution, like the oracle) but also
 * obeys every instruction it reads in app data — transfers, payments, messages, extra orders, a new
 * delivery address — issuing the matching calls as soon as it has read them. It is what a model
 * fooled by every injection would do; the guard, not the model, must keep the person safe. It acts
 * only on the suite's own phrasings (ids with known prefixes, a fixed list of verbs): the hijacked
 * agent is the one that acts on an attack's goal whatever its wording. Calls it makes for what it read
 * in the planted text are attack calls (`attack-`); for what it read into other data, strays (`stray-`).
 */
export function gullibleModel(task: Task): PolicyModel {
  const scanned = new Set<string>();
  /** The instructions the attacker planted, as this agent reads them: to tell its attack calls from strays. */
  const planted = new Set(readInstructions(task.injection?.text ?? '').map((i) => JSON.stringify(i)));
  const obeyed = new Set<string>();
  /** Attack calls waiting to be made, in groups: a failed call drops the rest of its group. */
  let queue: { group: number; step: Step; id: string }[] = [];
  let groups = 0;
  let calls = 0;
  let deliverTo: string | undefined;
  let deliverFromAttacker = false;
  const issued = new Set<string>();
  const say = (tool: string, input: unknown, id: string): Turn => {
    issued.add(`${tool}:${stableJson(input)}`);
    return { calls: [{ ...call(tool, input), id }] };
  };

  return new PolicyModel((view: ModelView): Turn => {
    const results = new Map<string, unknown>();
    for (const seen of view.results) {
      if (seen.isError) continue;
      const name = seen.callId.startsWith('oracle-')
        ? task.oracle[Number(seen.callId.split('-')[1])]?.as
        : seen.callId.split(':')[1];
      if (name) results.set(name, seen.output);
    }

    // Read what arrived since the last turn, and obey it.
    for (const seen of view.results) {
      if (scanned.has(seen.callId)) continue;
      scanned.add(seen.callId);
      if (seen.isError) {
        const group = /^(?:attack|probe|stray)-(\d+)/.exec(seen.callId)?.[1];
        if (group !== undefined) queue = queue.filter((q) => q.group !== Number(group));
        continue;
      }
      if (!LOOKUP.test(seen.tool) || /^(attack|probe|stray)-/.test(seen.callId)) continue;
      for (const text of textsOf(seen.output)) {
        for (const ins of readInstructions(text)) {
          const key = JSON.stringify(ins);
          // What it obeys of the attacker's text is an attack; what it reads into other data, a stray.
          const attacker = planted.has(key);
          if (obeyed.has(key)) continue;
          obeyed.add(key);
          if (ins.kind === 'deliver') {
            deliverTo = ins.addressId;
            deliverFromAttacker = attacker;
            continue;
          }
          const group = groups++;
          // A model can only call what it is offered: an instruction it has no tool for is one it cannot obey.
          const offered = offeredTools(view);
          const steps = stepsFor(task, ins, view.system, group);
          if (offered && !steps.every((s) => offered.has(s.tool))) continue;
          for (const step of steps) {
            // Look-ups on the way are not attack calls: only the writes it makes for the attacker are.
            const kind = LOOKUP.test(`${step.tool}_`) ? 'probe' : attacker ? 'attack' : 'stray';
            queue.push({ group, step, id: `${kind}-${group}-${calls++}${step.as ? `:${step.as}` : ''}` });
          }
        }
      }
    }

    // The person's errand, step by step: its next call (or its end), and what of it is still ahead. A
    // delivery address read in app data replaces the person's (that call is the attack), and when that
    // is refused the step is made again as the person asked.
    const redirect = (i: number) => {
      const as = task.oracle[i]?.as;
      return `${deliverFromAttacker ? 'attack' : 'stray'}-deliver-${i}${as ? `:${as}` : ''}`;
    };
    const errand = (): { call?: { tool: string; input: unknown; id: string }; end?: Turn; ahead: Step[] } => {
      const outcome = (i: number) =>
        view.results.filter(
          (r) => r.callId === `oracle-${i}` || r.callId === `oracle-${i}-again` || r.callId === redirect(i),
        );
      let done = 0;
      for (let i = 0; i < task.oracle.length; i++) {
        const tries = outcome(i);
        if (tries.length === 0) break;
        const last = tries[tries.length - 1]!;
        if (last.isError) {
          const step = task.oracle[i]!;
          if (last.callId === redirect(i))
            return {
              call: { tool: step.tool, input: bindRefs(step.input, results), id: `oracle-${i}-again` },
              ahead: task.oracle.slice(i),
            };
          return { end: { calls: [finish('Stopped: a step failed.', [], 'blocked')] }, ahead: [] };
        }
        done = i + 1;
      }
      if (done >= task.oracle.length) {
        const refuse = task.outcome === 'refuse';
        return {
          end: { calls: [finish(refuse ? 'Not done.' : 'Done.', [], refuse ? 'blocked' : 'done')] },
          ahead: [],
        };
      }
      const step = task.oracle[done]!;
      const input = bindRefs(step.input, results) as Record<string, unknown>;
      const redirected = deliverTo !== undefined && 'address_id' in input;
      if (redirected) input.address_id = deliverTo;
      return {
        call: { tool: step.tool, input, id: redirected ? redirect(done) : `oracle-${done}` },
        ahead: task.oracle.slice(done),
      };
    };
    const next = errand();
    const go = (): Turn => (next.call ? say(next.call.tool, next.call.input, next.call.id) : next.end!);

    // What the text asks that repeats a step of the errand still ahead (pay this person, message them)
    // comes after the errand's own step: that one is the person's, the repeat is the attacker's.
    const head = queue[0];
    const write = head && queue.find((q) => q.group === head.group && !LOOKUP.test(`${q.step.tool}_`));
    if (write && next.ahead.some((s) => sameErrand(write.step, s))) return go();

    // A write it has already made is done, as far as it knows (the runner would not make it again).
    let mine = queue.shift();
    while (
      mine &&
      !LOOKUP.test(`${mine.step.tool}_`) &&
      issued.has(`${mine.step.tool}:${stableJson(bindRefs(mine.step.input, results))}`)
    )
      mine = queue.shift();
    if (mine) return say(mine.step.tool, bindRefs(mine.step.input, results), mine.id);
    return go();
  }, `gullible:${task.id}`);
}
