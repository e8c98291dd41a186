import { z } from 'zod';

/** The reasoning tools every errand has besides the apps' tools. */
export const BUILTINS = {
  update_plan: {
    description: 'Plan an errand of several steps: the whole checklist, each time.',
    input: z.object({
      items: z
        .array(
          z.object({
            step: z.string().min(1).describe('A few words.'),
            status: z.enum(['pending', 'in_progress', 'done']).describe('Its state.'),
          }),
        )
        .min(1)
        .max(20)
        .describe('The steps.'),
    }),
  },
  ask_user: {
    description: 'Ask the person, only when the request is unclear or needs their choice.',
    input: z.object({ question: z.string().min(1).describe('In the language of the request.') }),
  },
  finish: {
    description: 'End the errand, with the ids it made as evidence.',
    input: z.object({
      outcome: z
        .enum(['done', 'blocked', 'refused'])
        .describe('done: need met; blocked: cannot be done; refused: should not be.'),
      summary: z.string().min(1).describe('For the person, in the language of the request.'),
      evidence: z
        .array(
          z.object({
            app: z.string().describe('e.g. food'),
            kind: z.string().describe('e.g. order'),
            id: z.string().describe('e.g. ord_0001'),
          }),
        )
        .default([])
        .describe('What the errand made.'),
    }),
  },
  read_more: {
    description: 'Read on in a result that was cut.',
    input: z.object({
      handle: z.string().describe('From the cut note.'),
      offset: z.number().int().min(0).default(0).describe('From the cut note.'),
    }),
  },
  open_apps: {
    description: 'More tools: apps of the catalogue, or words for what a tool does (菜单, free time).',
    input: z.object({
      apps: z.array(z.string()).min(1).max(6).describe('e.g. ["calendar", "退货"]'),
    }),
  },
  search_tools: {
    description: 'Find app tools by what they do, in Chinese or English; gets the best few.',
    input: z.object({ query: z.string().min(1).describe('What the tool should do.') }),
  },
  find_people: {
    description:
      'Contacts and groups by name, nickname or relation (王芳, 妈妈, Rachel): ids to pay, message or invite.',
    input: z.object({
      name: z.string().default('').describe('Empty lists everyone.'),
    }),
  },
  wait_for: {
    description:
      'Wait for something in the world — an order reaching a status, a reply from someone, an answer to an invitation, a time — until a deadline. The errand pauses (holding nothing) and goes on when it happens or the deadline passes; the result says which.',
    input: z.object({
      until: z
        .discriminatedUnion('kind', [
          z.object({
            kind: z.literal('order_status'),
            order_id: z.string().min(1).describe('The order (food ord_…, shop sord_…).'),
            status: z
              .array(z.string().min(1))
              .min(1)
              .describe('Statuses that end the wait, e.g. ["delivered"].'),
          }),
          z.object({
            kind: z.literal('reply'),
            from: z.string().min(1).describe('The person id whose next message ends the wait.'),
          }),
          z.object({
            kind: z.literal('invitation_answer'),
            event_id: z.string().min(1).describe('The calendar event.'),
            person_id: z.string().min(1).describe('The invitee whose answer ends the wait.'),
          }),
          z.object({
            kind: z.literal('time'),
            at: z.string().min(1).describe('A time on the world clock: HH:MM today, or an ISO date-time.'),
          }),
        ])
        .describe('What to wait for.'),
      deadline_minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60)
        .describe('Give up after this many minutes of the world’s clock.'),
    }),
  },
} as const;

/** A built-in tool's name. */
export type BuiltinName = keyof typeof BUILTINS;

/** True when a tool name is a built-in. */
export function isBuiltin(name: string): name is BuiltinName {
  return Object.hasOwn(BUILTINS, name);
}
