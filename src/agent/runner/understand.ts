import type { LanguageModelV3FunctionTool, LanguageModelV3Prompt } from '@ai-sdk/provider';
import { z } from 'zod';
import { ErrandError } from '../../errors.js';
import { type IntentSet, intentSchema } from '../../guard/index.js';
import { type PersonWorld, warehouseNames } from '../../person/index.js';
import { formatZodError } from '../../validation.js';
import { addUsage } from '../events.js';
import type { Profile } from '../task.js';
import type { AppTool } from '../toolset.js';
import { callModel } from './decide.js';
import { record, type RunState } from './state.js';

/** What the planner answers: the intents, a limit on the whole errand, and what it understood. */
const plannerAnswer = z
  .object({
    intents: z
      .array(intentSchema)
      .describe('Every change the request asks for; empty when it only asks to look something up.'),
    budgetFen: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .default(null)
      .describe('A limit on the whole errand the request states, in fen (1 yuan = 100 fen); null when none.'),
    understood: z
      .string()
      .min(1)
      .describe('One or two lines, in the person’s language: what you understood.'),
  })
  .strict();

const TOOL_NAME = 'declare_intents';

function declareTool(): LanguageModelV3FunctionTool {
  const { $schema: _s, ...schema } = z.toJSONSchema(plannerAnswer, { io: 'input' }) as Record<
    string,
    unknown
  >;
  return {
    type: 'function',
    name: TOOL_NAME,
    description: 'Declare what the person’s request asks errand to change. Call it exactly once.',
    inputSchema: schema as LanguageModelV3FunctionTool['inputSchema'],
  };
}

/** The company's stock items, with the warehouses that hold them, for a request to restock. */
function stockText(person: PersonWorld): string {
  const warehouse = (id: string) => {
    const names = warehouseNames(id);
    return names.length ? `${id} (${names[0]} / ${names[2]})` : id;
  };
  return (person.stock ?? [])
    .map((s) => `- ${s.sku}: ${s.names.join(' / ')} — in ${s.warehouses.map(warehouse).join(', ')}`)
    .join('\n');
}

function worldText(person: PersonWorld, stock: string): string {
  const contacts = person.contacts
    .map((c) => `- ${c.id}: ${[...new Set(c.names.slice(0, 3))].join(' / ')} (${c.relation})`)
    .join('\n');
  const groups = person.groups.map((g) => `- ${g.id}: ${g.names[0]}`).join('\n');
  const billers = person.billers.map((b) => `- ${b.id}: ${b.names.slice(0, 3).join(' / ')}`).join('\n');
  const addresses = person.addresses
    .map((a) => `- ${a.id} (${a.app}): ${a.names.slice(0, 2).join(' / ')}`)
    .join('\n');
  const vendors = (person.vendors ?? [])
    .map((v) => `- ${v.id}: ${v.names.slice(0, 2).join(' / ')}`)
    .join('\n');
  return `## Contacts\n${contacts || '(none)'}\n## Groups\n${groups || '(none)'}\n## Billers (who sends them bills)\n${billers || '(none)'}\n## Saved delivery addresses\n${addresses || '(none)'}${vendors ? `\n## The company's vendors and suppliers (paid from the work apps)\n${vendors}` : ''}${stock ? `\n## The company's stock items (what a restock can order)\n${stock}` : ''}`;
}

/**
 * The operations on existing work records the offered apps have, by app ("tracker: assign_issue,
 * comment, merge_pr (cannot be undone)"): names only, so the planner can say which one was asked for
 * without seeing any app's content.
 */
export function updateOperations(tools: readonly AppTool[]): string {
  const byApp = new Map<string, string[]>();
  for (const t of tools)
    if (t.effect.act === 'update')
      byApp.set(t.app, [
        ...(byApp.get(t.app) ?? []),
        t.effect.kind === 'irreversible' ? `${t.tool} (cannot be undone)` : t.tool,
      ]);
  return [...byApp].map(([app, ops]) => `${app}: ${ops.join(', ')}`).join('; ');
}

/** The planner's instructions: it reads the request and the person's world, nothing from any app. */
export function plannerPrompt(
  profile: Profile,
  person: PersonWorld,
  now: string,
  operations = '',
  /** Whether the inventory app is offered: then the stock is listed and a restock can be declared. */
  inventory = false,
): string {
  const stock = inventory ? stockText(person) : '';
  return `You read one request from ${profile.name} and declare what it asks errand to change in their apps, before errand looks at any app. You see only the request and the person's own world below; you have not seen any menu, shop, chat or calendar, and nothing you declare may come from anywhere else. errand will refuse every change that does not match what you declare, so declare exactly what the person asked for: no more, no less.

Now: ${now}

# ${profile.name}'s world
${worldText(person, stock)}

# How to declare
- transfer: money to a contact, once: { "kind": "transfer", "to": contact id, "amountFen": amount in fen if the request says it }.
- pay_bill: a bill the person has: { "kind": "pay_bill", "payee": biller id }.
- order: food delivery or a shop purchase, once: { "kind": "order", "app": "food" or "shop", "merchantName": the restaurant as said (food), "items": [{ "names": [the dish or product as the person said it], "quantity": n if said }], "address": a saved address id of that app — the one the request names; if it names none, the office on weekdays 10:00–14:00, else home; "budgetFen": the limit if one is said ("40元以内" → 4000) }. A stated limit is a budget, never an amount to pay. No dish or product named ("order me lunch"): "items": []. Wishes that are not items ("不辣", "vegetarian") go in "notes". Ordering what is already in the person's cart ("把购物车里的下单"): "fromCart": true and "items": [].
- message: { "kind": "message", "to": [contact or group ids] } for telling, asking or replying to someone.
- event: { "kind": "event", "attendees": [contact ids to invite] } for meetings, calls, meals together.
- reschedule, cancel, respond (with "response": "accept"/"decline"), return, review, recall: { "kind": ..., "app": "calendar"/"food"/"shop"/"chat", "about": how the person described the thing }.
- At work (mail, ledger, inventory, tracker, only when the request is about them): a purchase order, a paid invoice or an approved expense claim is a pay_bill to the supplier, vendor or colleague named ("payee"); a mail or an invoice reminder is a message; any other change to one work record is { "kind": "update", "app": the work app, "target": its id when the request names it (issue #101 → iss_101, PR #203 → pr_203), "about": how the person described it${operations ? `, "action": the one operation the request asks for (${operations}); leave "action" out only when the request does not say what to do to the record` : ''} }. One update intent per operation asked for.
${stock ? `- restock: ordering stock for the company when the request leaves the supplier to errand ("the cheapest supplier who delivers by Friday", "补货，周五前到"): { "kind": "restock", "sku": the item's id from the stock list, "warehouse": the warehouse id if the request says where, "needBy": the latest delivery date (YYYY-MM-DD) }; errand picks the cheapest supplier who delivers by then. A purchase order from a supplier the request names is a pay_bill, as above.\n` : ''}- Give each intent an "id" (i1, i2, ...) and "said": the words of the request it comes from.
- "understood": in the language of the request, what you understood — and anything you could not declare (someone not in the contacts, a place that is not a saved address) so errand can tell the person.
- People and addresses only by the ids listed above. When two contacts share a name or its pinyin (张伟 / 张薇 are both "Zhang Wei"), say which you chose and why in "understood". Someone the request names who is not listed is not declared: say so in "understood".
- A question or a look-up ("how do I get to…", "what's on my calendar") declares no intents.
Answer by calling ${TOOL_NAME} once.`;
}

function parseAnswer(content: { type: string; text?: string; toolName?: string; input?: string }[]): unknown {
  const call = content.find((c) => c.type === 'tool-call' && c.toolName === TOOL_NAME);
  const raw =
    call?.input ??
    content
      .filter((c) => c.type === 'text')
      .map((c) => c.text ?? '')
      .join('');
  const json = /\{[\s\S]*\}/.exec(raw)?.[0];
  if (!json) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/**
 * Derives the errand's intents with one model call that sees only the request and the person's world
 * (CaMeL's privileged planner): app content, where attacks live, never reaches it. A reply that does not
 * fit the schema gets one repair; after that the errand stops with MODEL_OUTPUT_INVALID.
 */
export async function planIntents(state: RunState, person: PersonWorld): Promise<IntentSet> {
  const offered = state.tools.appTools();
  const system = plannerPrompt(
    state.task.profile,
    person,
    state.now(),
    updateOperations(offered),
    offered.some((t) => t.app === 'inventory'),
  );
  const prompt: LanguageModelV3Prompt = [
    { role: 'system', content: system },
    { role: 'user', content: [{ type: 'text', text: state.task.request }] },
  ];
  const tools = { forModel: () => [declareTool()] };
  for (let attempt = 1; attempt <= 2; attempt++) {
    const reply = await callModel(state.model, prompt, tools, {
      signal: state.signal,
      retry: state.retry,
      onAttempt: (n) =>
        record(state, {
          type: 'model.requested',
          step: 0,
          attempt: n,
          messages: prompt.length,
          tools: 1,
          ...(state.model.reasoning && state.model.reasoning.level !== 'off'
            ? { reasoning: state.model.reasoning.level }
            : {}),
        }),
      onFailure: (n, error, retryInMs) =>
        record(state, { type: 'model.failed', step: 0, attempt: n, error, retryInMs }),
    });
    state.usage = addUsage(state.usage, reply.usage);
    const answer = parseAnswer(reply.content as never);
    const parsed = plannerAnswer.safeParse(answer);
    record(state, {
      type: 'model.responded',
      step: 0,
      attempt: reply.attempt,
      text: JSON.stringify(answer ?? null).slice(0, 4000),
      ...(state.keepReasoning && reply.reasoning ? { reasoning: reply.reasoning } : {}),
      calls: [],
      usage: reply.usage,
      latencyMs: reply.latencyMs,
      model: state.model.ref,
    });
    if (parsed.success) {
      const ids = new Set(parsed.data.intents.map((i) => i.id));
      if (ids.size === parsed.data.intents.length) return { ...parsed.data, source: 'planner' };
    }
    const problem = parsed.success ? 'two intents share an id' : formatZodError(parsed.error);
    record(state, { type: 'model.output_invalid', step: 0, problem, repair: 'declare the intents again' });
    prompt.push(
      { role: 'assistant', content: [{ type: 'text', text: JSON.stringify(answer ?? null).slice(0, 2000) }] },
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text: `That did not fit the schema (${problem}). Call ${TOOL_NAME} again with a valid answer.`,
          },
        ],
      },
    );
  }
  throw new ErrandError(
    'MODEL_OUTPUT_INVALID',
    'The model could not say what the request asks for in a form errand can check.',
  );
}
