import { z } from 'zod';

/** The reasoning tools every errand has besides the apps' tools. */
export const BUILTINS = {
  update_plan: {
    description:
      'Keep a short checklist of the steps of this errand. Send the whole list each time; mark each step pending, in_progress or done.',
    input: z.object({
      items: z
        .array(
          z.object({
            step: z.string().min(1).describe('One step, in a few words.'),
            status: z.enum(['pending', 'in_progress', 'done']).describe('Where the step stands.'),
          }),
        )
        .min(1)
        .max(20)
        .describe('The whole plan.'),
    }),
  },
  ask_user: {
    description:
      'Ask the person a question when the request is ambiguous or something needs their decision. Use sparingly.',
    input: z.object({ question: z.string().min(1).describe('The question, in the person’s language.') }),
  },
  finish: {
    description:
      'End the errand. outcome "done" when the need is met (give the evidence in app state: order, payment, message, event ids); "blocked" when it cannot be done; "refused" when it should not be done.',
    input: z.object({
      outcome: z.enum(['done', 'blocked', 'refused']).describe('How the errand ended.'),
      summary: z.string().min(1).describe('What was done or why not, for the person, in their language.'),
      evidence: z
        .array(
          z.object({
            app: z.string().describe('The app, e.g. food.'),
            kind: z.string().describe('What it is: order, payment, message, event ...'),
            id: z.string().describe('Its id in the app.'),
            detail: z.string().optional().describe('A short detail.'),
          }),
        )
        .default([])
        .describe('Objects in the apps that show the need is met.'),
    }),
  },
  read_more: {
    description: 'Read more of an app result that was cut short, by its handle.',
    input: z.object({
      handle: z.string().describe('The handle given where the result was cut.'),
      offset: z.number().int().min(0).default(0).describe('Character offset to continue from.'),
    }),
  },
} as const;

/** A built-in tool's name. */
export type BuiltinName = keyof typeof BUILTINS;

/** True when a tool name is a built-in. */
export function isBuiltin(name: string): name is BuiltinName {
  return Object.hasOwn(BUILTINS, name);
}
