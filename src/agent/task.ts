import { z } from 'zod';

/** The person errand works for, as the model sees them. */
export const profileSchema = z.object({
  name: z.string().describe('The person’s name.'),
  language: z.enum(['zh', 'en']).describe('The language the person speaks; errand answers in it.'),
  personId: z.string().optional().describe('Their id in the apps, when known.'),
  home: z.string().optional().describe('Home address or place id.'),
  work: z.string().optional().describe('Work address or place id.'),
  dietary: z.string().optional().describe('Dietary notes.'),
  preferences: z.record(z.string(), z.string()).default({}).describe('Standing preferences.'),
});

/** Limits on one errand: it stops cleanly when any is reached. */
export const limitsSchema = z.object({
  maxSteps: z.number().int().min(1).max(500).default(30).describe('Most model turns.'),
  maxTokens: z
    .number()
    .int()
    .min(1)
    .default(300_000)
    .describe('Most model tokens, input and output together.'),
  maxWallMs: z.number().int().min(1).default(600_000).describe('Most wall-clock time.'),
});

/** An errand to run: what the person asked, for whom, under what mandate, with which model and limits. */
export const taskSchema = z.object({
  request: z.string().trim().min(1, 'The request is empty: say what errand to run.').describe('The request.'),
  images: z
    .array(z.object({ mediaType: z.string(), data: z.string().describe('Base64 data.') }))
    .default([])
    .describe('Images attached to the request.'),
  profile: profileSchema.describe('The person errand works for.'),
  mandate: z.record(z.string(), z.unknown()).default({}).describe('What the person allows (see the guard).'),
  model: z.string().describe('The model reference, provider:model.'),
  limits: limitsSchema.prefault({}).describe('Limits.'),
  mode: z.enum(['api', 'gui']).default('api').describe('Act through app APIs or app screens.'),
});

/** A parsed errand specification, as journaled. */
export type TaskSpec = z.infer<typeof taskSchema>;

/** The input form of a task (defaults may be left out). */
export type TaskInput = z.input<typeof taskSchema>;

/** The person's profile. */
export type Profile = z.infer<typeof profileSchema>;
