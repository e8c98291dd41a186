import { z } from 'zod';
import { intentSetSchema } from '../guard/index.js';

/** The types a recipe parameter can have. */
export const PARAM_TYPES = ['string', 'integer', 'fen', 'time', 'id', 'ids', 'lines'] as const;

/** One named, typed parameter. */
export const paramSchema = z
  .object({
    type: z
      .enum(PARAM_TYPES)
      .describe(
        'string, integer, fen (money), time (local YYYY-MM-DDTHH:mm), id, ids (a list), lines (a list of objects such as {dish_id, quantity}).',
      ),
    description: z.string().describe('What it is, for people and models.'),
    optional: z.boolean().default(false).describe('May be left out.'),
    default: z.unknown().optional().describe('Used when left out.'),
  })
  .strict();

/** A value in a step's input: literals, with "{{name}}" or "{{steps.order.total.amount}}" templates. */
const templated = z.unknown();

/** One step of a recipe. */
export const stepSchema = z.union([
  z
    .object({
      call: z.string().describe('The tool to call, model-facing name: food_place_order.'),
      input: z.record(z.string(), templated).default({}).describe('Arguments, with templates.'),
      as: z.string().optional().describe('A name for the result, for later steps.'),
      when: z.string().optional().describe('Only when this template is not empty.'),
    })
    .strict(),
  z
    .object({
      find: z.string().describe('A read tool that lists things: chat_list_contacts.'),
      input: z.record(z.string(), templated).default({}).describe('Its arguments.'),
      in: z.string().describe('The list in the result: "contacts".'),
      where: z
        .record(z.string(), z.string())
        .describe('Field → template the item must match (case ignored).'),
      pick: z.string().describe('The field to keep from the matching item: "person_id".'),
      as: z.string().describe('A name for the picked value.'),
    })
    .strict(),
  z
    .object({
      check: z.string().describe('A template giving a number.'),
      atMost: z.string().describe('A template giving the most it may be.'),
      when: z.string().optional().describe('Only when this template is not empty.'),
      message: z.string().describe('Said when the check fails; the errand stops there.'),
    })
    .strict(),
]);

/** A parameterised, typed workflow: steps that are tool calls bound to parameters and earlier results. */
export const recipeSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/)
      .describe('Unique name.'),
    title: z.string().describe('One line for people.'),
    description: z.string().describe('When to use it, for models.'),
    params: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/), paramSchema).describe('Its parameters.'),
    steps: z.array(stepSchema).min(1).describe('What it does, in order.'),
    outcome: z.string().describe('The summary when it succeeds, with templates.'),
    outcomeZh: z.string().optional().describe('The same summary in Chinese, for a Chinese request.'),
    source: z
      .union([
        z.object({ kind: z.literal('builtin') }).strict(),
        z
          .object({
            kind: z.literal('learned'),
            errandId: z.string(),
            request: z.string(),
            intents: intentSetSchema
              .optional()
              .describe('What the person asked for when it was learned: what the guard allows it.'),
          })
          .strict(),
      ])
      .describe('Built in, or learned from an errand.'),
  })
  .strict();

/** A parsed recipe. */
export type Recipe = z.infer<typeof recipeSchema>;
/** One step. */
export type RecipeStep = z.infer<typeof stepSchema>;
