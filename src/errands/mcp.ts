/**
 * errand as an MCP server: another agent delegates an errand (request, persona, mandate, model), reads
 * how it stands and what happened, and answers its approvals. The guard stands in front of every
 * effect as it does for `errand run`: the caller never touches an app, only errand does.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ErrandError, toErrandError } from '../errors.js';
import { type MandateInput, mandateSchema } from '../guard/index.js';
import { formatZodError } from '../validation.js';
import type { ErrandDesk } from './desk.js';
import type { ReplyWording } from './questions.js';
import { screenFields } from './screens.js';

/** How `answer_approval`'s caller is told to answer, in the tool's own input names. */
export const MCP_REPLY_WORDING: ReplyWording = {
  yesNo: 'answer it with approve true or false',
  words: 'answer it with text',
};

const errandId = z.string().min(1).max(64).describe('The errand, as start_errand named it.');

const TOOLS = {
  start_errand: {
    title: 'Start an errand',
    description:
      'Hands errand a request to carry out in the apps it can reach (food delivery, wallet, chat, calendar, shopping, maps), in Chinese or English. errand works out from the request alone what was asked, and its guard lets a payment, order or message through only when it matches that and the mandate. Returns at once with the errand id; read errand_status (with wait_seconds) to follow it and see any approval it needs.',
    input: z.strictObject({
      request: z.string().trim().min(1).max(4000).describe('What the person needs, in their own words.'),
      persona: z
        .string()
        .optional()
        .describe('Whom errand acts for in the sandbox (liming or sam); default the world’s.'),
      mandate: mandateSchema
        .partial()
        .optional()
        .describe(
          'Limits for this errand (amounts in fen). They narrow the person’s standing mandate and never widen it.',
        ),
      model: z
        .string()
        .optional()
        .describe(
          'The model errand thinks with, provider:model (e.g. deepseek:deepseek-chat); default the server’s, or none: errand’s own recipes.',
        ),
      max_steps: z.number().int().min(1).max(500).optional().describe('Stop after this many model turns.'),
      mode: screenFields.mode.optional(),
      url: screenFields.url.optional(),
      allow_domain: screenFields.allowDomain.optional(),
    }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  },
  errand_status: {
    title: 'How an errand stands',
    description:
      'Status of an errand: running, waiting (a question needs an answer: see questions, with exactly what the action would do), finished, failed, cancelled or interrupted; what errand understood; and once it ends, its report with receipts. wait_seconds waits until it asks something or ends.',
    input: z.strictObject({
      errand_id: errandId,
      wait_seconds: z
        .number()
        .min(0)
        .max(60)
        .optional()
        .describe('Wait up to this long for a question or the end (default 0).'),
    }),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
  errand_events: {
    title: 'What an errand did',
    description:
      'The errand’s journal events in order — every model turn, proposed action, guard decision with its reason, result and question — after after_seq.',
    input: z.strictObject({
      errand_id: errandId,
      after_seq: z.number().int().min(0).optional().describe('Only events after this number (default 0).'),
      limit: z.number().int().min(1).max(500).optional().describe('At most this many (default 100).'),
    }),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
  answer_approval: {
    title: 'Answer an errand’s question',
    description:
      'Approves or declines an action errand asked about (or confirms what it understood), or answers its question in words. Each question is answered once: a second answer is refused and nothing happens again.',
    input: z.strictObject({
      errand_id: errandId,
      question_id: z.string().min(1).max(32).describe('The question, from errand_status.'),
      approve: z.boolean().optional().describe('Yes or no, for an approval or a confirmation.'),
      text: z
        .string()
        .max(2000)
        .optional()
        .describe('Words: the answer to a question, or a note with a yes or no.'),
    }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  },
  cancel_errand: {
    title: 'Cancel an errand',
    description: 'Stops an errand: no action starts after this, and its journal says so.',
    input: z.strictObject({ errand_id: errandId }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
} as const;

type ToolName = keyof typeof TOOLS;
type Input<N extends ToolName> = z.infer<(typeof TOOLS)[N]['input']>;

function jsonSchema(schema: z.ZodType): Tool['inputSchema'] {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest as Tool['inputSchema'];
}

/** The tools as MCP lists them. */
export function errandMcpTools(): Tool[] {
  return Object.entries(TOOLS).map(([name, t]) => ({
    name,
    title: t.title,
    description: t.description,
    inputSchema: jsonSchema(t.input),
    annotations: { title: t.title, ...t.annotations },
  }));
}

async function run(desk: ErrandDesk, name: ToolName, args: unknown): Promise<object> {
  const parsed = TOOLS[name].input.safeParse(args ?? {});
  if (!parsed.success)
    throw new ErrandError('INVALID_INPUT', `Invalid input for ${name}: ${formatZodError(parsed.error)}`);
  switch (name) {
    case 'start_errand': {
      const a = parsed.data as Input<'start_errand'>;
      // The mandate as the caller wrote it, not with the schema's defaults filled in: what the caller
      // leaves out stays the person's (narrowMandate checks it strictly again).
      const asked = (args as { mandate?: MandateInput }).mandate;
      const started = await desk.start({
        request: a.request,
        persona: a.persona,
        mandate: asked,
        model: a.model,
        maxSteps: a.max_steps,
        screens: { mode: a.mode ?? 'api', url: a.url, allowDomain: a.allow_domain },
      });
      await started.begun;
      return desk.status(started.errandId);
    }
    case 'errand_status': {
      const a = parsed.data as Input<'errand_status'>;
      return desk.wait(a.errand_id, (a.wait_seconds ?? 0) * 1000);
    }
    case 'errand_events': {
      const a = parsed.data as Input<'errand_events'>;
      const events = desk.events(a.errand_id, a.after_seq ?? 0, a.limit ?? 100);
      return { events, next_after_seq: events.at(-1)?.seq ?? a.after_seq ?? 0 };
    }
    case 'answer_approval': {
      const a = parsed.data as Input<'answer_approval'>;
      return desk.answer(a.errand_id, a.question_id, { approved: a.approve, text: a.text });
    }
    case 'cancel_errand': {
      const a = parsed.data as Input<'cancel_errand'>;
      await desk.cancel(a.errand_id);
      await desk.ended(a.errand_id);
      return desk.status(a.errand_id);
    }
  }
}

/** An MCP server over a desk of errands; connect it to stdio or Streamable HTTP. */
export function createErrandMcpServer(desk: ErrandDesk): Server {
  const server = new Server(
    { name: 'errand', title: 'errand — errands across apps, within a mandate', version: '0.1.0' },
    {
      capabilities: { tools: {} },
      instructions:
        'Delegate an errand with start_errand, follow it with errand_status (wait_seconds saves polling), and answer the approvals it asks with answer_approval after checking exactly what each would do.',
    },
  );
  const tools = errandMcpTools();
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const name = request.params.name;
    if (!(name in TOOLS)) {
      const error = new ErrandError(
        'UNKNOWN_TOOL',
        `errand has no tool "${name}"; it has ${Object.keys(TOOLS).join(', ')}.`,
      );
      return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error: error.toJSON() }) }] };
    }
    try {
      const data = (await run(desk, name as ToolName, request.params.arguments)) as Record<string, unknown>;
      return { content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: data };
    } catch (err) {
      const error = toErrandError(err).toJSON();
      return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error }) }] };
    }
  });
  return server;
}
