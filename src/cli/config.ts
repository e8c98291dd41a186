import { z } from 'zod';
import { DEFAULT_RETRY } from '../agent/runner.js';
import { connectorsConfigSchema, loadConfigFile } from '../connectors/config.js';
import { ErrandError } from '../errors.js';
import { type Mandate, mandateSchema, parseYuan } from '../guard/mandate.js';
import { REASONING_LEVELS } from '../models/reasoning.js';

/** The model call's time limit when neither the flag nor the config file sets one. */
export const DEFAULT_MODEL_TIMEOUT_S = DEFAULT_RETRY.timeoutMs / 1000;

/** errand's config file: the apps it may reach, the model's time limit and the person's standing mandate. */
export const errandConfigSchema = connectorsConfigSchema.extend({
  model: z
    .strictObject({
      timeoutSeconds: z
        .number()
        .positive()
        .optional()
        .describe(`Give up on one model call after this long (default ${DEFAULT_MODEL_TIMEOUT_S}).`),
      reasoning: z
        .enum(REASONING_LEVELS)
        .optional()
        .describe(
          "How hard the model thinks before it acts (default: the model's own); --reasoning overrides it.",
        ),
      keepReasoning: z
        .boolean()
        .optional()
        .describe('Keep what the model thought in the journal (default: only how many tokens it spent).'),
      vision: z
        .boolean()
        .optional()
        .describe(
          'Whether the model takes images: GUI mode then sends it each screen as a screenshot with numbered marks (default: by the model name).',
        ),
    })
    .prefault({})
    .describe('How errand calls the model; --model-timeout and --reasoning override it.'),
  mandate: mandateSchema.prefault({}).describe('What the person allows on every errand; flags override it.'),
});

/** A parsed config file. */
export type ErrandConfig = z.infer<typeof errandConfigSchema>;

/** Reads the config file, or the defaults (the sandbox world, an empty mandate) when there is none. */
export function loadConfig(file: string | undefined): ErrandConfig {
  return file ? loadConfigFile(file, errandConfigSchema) : errandConfigSchema.parse({});
}

/** Mandate flags as the command line takes them. */
export interface MandateFlags {
  budget?: string;
  cap?: string;
  allowApp?: string[];
  allow?: string[];
  recipients?: string;
  approveAbove?: string;
}

function yuan(flag: string, value: string): number {
  const fen = parseYuan(value);
  if (fen === undefined)
    throw new ErrandError(
      'INVALID_INPUT',
      `${flag} takes an amount in yuan such as 40 or 12.50, not "${value}".`,
    );
  return fen;
}

/** The errand's mandate: the config file's, with the command line's flags on top. */
export function mandateFrom(config: ErrandConfig, flags: MandateFlags): Mandate {
  const m: Mandate = structuredClone(config.mandate);
  if (flags.budget !== undefined) m.budgetFen = yuan('--budget', flags.budget);
  if (flags.cap !== undefined) m.perPaymentCapFen = yuan('--cap', flags.cap);
  if (flags.approveAbove !== undefined)
    m.approval.paymentsAboveFen = yuan('--approve-above', flags.approveAbove);
  if (flags.allowApp?.length) m.apps = flags.allowApp;
  if (flags.allow?.length) m.allow = [...new Set([...m.allow, ...flags.allow])];
  if (flags.recipients !== undefined) {
    const parsed = mandateSchema.shape.recipients.safeParse(flags.recipients);
    if (!parsed.success)
      throw new ErrandError(
        'INVALID_INPUT',
        `--recipients takes named, contacts or list, not "${flags.recipients}".`,
      );
    m.recipients = parsed.data;
  }
  return m;
}
