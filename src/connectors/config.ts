import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ErrandError } from '../errors.js';
import { formatZodError } from '../validation.js';
import { APP_NAMES, PERSONA_IDS } from '../world/index.js';
import { McpConnector } from './mcp.js';
import type { Connector } from './types.js';

const trusted = z
  .boolean()
  .default(false)
  .describe('Believe what the server says its tools do; otherwise every tool is asked about.');

const httpServerSchema = z.strictObject({
  url: z.string().url().describe('The Streamable HTTP endpoint.'),
  headers: z.record(z.string(), z.string()).optional().describe('Extra HTTP headers, e.g. authorization.'),
  trusted,
});

const stdioServerSchema = z.strictObject({
  command: z.string().min(1).describe('The program that speaks MCP on stdio.'),
  args: z.array(z.string()).default([]).describe('Its arguments.'),
  env: z.record(z.string(), z.string()).optional().describe('Extra environment variables.'),
  cwd: z.string().optional().describe('Working directory.'),
  trusted,
});

/** One MCP server: a URL, or a command to start — not both. */
const serverSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    if (value && typeof value === 'object' && 'url' in value && 'command' in value)
      ctx.addIssue({
        code: 'custom',
        message: 'give url (a server that is running) or command (a program to start), not both',
      });
  })
  .pipe(z.union([httpServerSchema, stdioServerSchema]));

/**
 * The connectors file: which MCP servers errand may use, and whether the sandbox world runs too.
 * Strict everywhere: a key errand does not know is refused with its path, never ignored.
 */
export const connectorsConfigSchema = z.strictObject({
  sandbox: z
    .union([
      z.literal(false),
      z.strictObject({
        seed: z.number().int().optional().describe('World seed (default 1).'),
        persona: z
          .string()
          .refine((p) => PERSONA_IDS.includes(p), {
            error: (issue) =>
              `no persona "${String(issue.input)}"; the sandbox has ${PERSONA_IDS.join(', ')}`,
          })
          .optional()
          .describe(`Who errand works for: ${PERSONA_IDS.join(' or ')} (default ${PERSONA_IDS[0]}).`),
        file: z.string().optional().describe('Keep the world in this SQLite file.'),
        apps: z
          .array(
            z.enum(APP_NAMES, {
              error: (issue) =>
                `"${String(issue.input)}" is not a sandbox app; the apps are ${APP_NAMES.join(', ')}`,
            }),
          )
          .optional()
          .describe('Only these sandbox apps.'),
      }),
    ])
    .default({})
    .describe('The sandbox world (on by default); false to use only the servers below.'),
  servers: z
    .record(
      z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]*$/, 'a server name is letters, digits and -'),
      serverSchema,
    )
    .default({})
    .describe('MCP servers by name.'),
});

/** A parsed connectors file. */
export type ConnectorsConfig = z.infer<typeof connectorsConfigSchema>;

/** Reads and checks a JSON config file against a schema, with a clear error for a missing or malformed one. */
export function loadConfigFile<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ErrandError('CONFIG_INVALID', `Cannot read the config file ${file}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new ErrandError(
      'CONFIG_INVALID',
      `The config file ${file} is invalid: ${formatZodError(parsed.error, schema)}. Fix it (the README lists every setting) and run again.`,
    );
  return parsed.data;
}

/** Connects to every configured server; if one fails, the others are closed and the error names it. */
export async function connectServers(servers: ConnectorsConfig['servers']): Promise<Connector[]> {
  const settled = await Promise.allSettled(
    Object.entries(servers).map(([name, endpoint]) => McpConnector.connect(name, endpoint)),
  );
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
    throw (failed as PromiseRejectedResult).reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<McpConnector>).value);
}
