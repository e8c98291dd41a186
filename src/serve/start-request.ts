import { z } from 'zod';
import { screenFields } from '../errands/screens.js';
import { mandateSchema } from '../guard/index.js';

/** The most characters of a request the API takes: far above any errand a person types. */
export const MAX_REQUEST_CHARS = 4000;

/** What `POST /api/errands` takes: an errand to start. */
export const startSchema = z.strictObject({
  request: z
    .string()
    .trim()
    .min(1, 'The request is empty: say what errand to run, e.g. "给王芳转20元".')
    .max(MAX_REQUEST_CHARS)
    .describe('What the person needs, in Chinese or English.'),
  persona: z.string().default('liming').describe('Who errand works for in the sandbox world: liming or sam.'),
  mandate: mandateSchema
    .prefault({})
    .describe('What errand may do: budget, cap, apps, recipients, what needs approval (amounts in fen).'),
  model: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The model as provider:model; default the server's model, or errand's recipes with no model when it has none.",
    ),
  approve: z
    .enum(['ask', 'auto', 'deny'])
    .default('ask')
    .describe(
      'When an action needs approval: ask (wait for an answer over the API or in the console), auto (allow only within the mandate) or deny.',
    ),
  confirm: z
    .boolean()
    .default(false)
    .describe('Ask the person to confirm what errand understood before anything runs.'),
  maxSteps: z.number().int().min(1).max(100).default(30).describe('Most model turns.'),
  mode: screenFields.mode.default('api'),
  url: screenFields.url.optional(),
  allowDomain: screenFields.allowDomain.optional(),
});

/** A parsed start request. */
export type StartRequest = z.infer<typeof startSchema>;

/** What `POST /api/errands/{id}/answers` takes: the answer to one waiting question. */
export const answerSchema = z.strictObject({
  questionId: z.string().min(1).describe('The question, as the errand’s events or its status name it.'),
  approved: z.boolean().optional().describe('For an approval or a confirmation: go ahead (true) or not.'),
  text: z.string().max(2000).optional().describe('For a question in words: the answer.'),
});

/** What `POST /api/session` takes: the server's token, to open a console session. */
export const sessionSchema = z.strictObject({
  token: z.string().min(1).max(512).describe('The token `errand serve` keeps in errand’s home.'),
});
