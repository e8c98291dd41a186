import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ErrandError } from '../errors.js';
import { formatZodError } from '../validation.js';
import { McpConnector } from './mcp.js';
import type { Connector } from './types.js';

const serverSchema = z.union([
  z.object({
    url: z.string().url().describe('The Streamable HTTP endpoint.'),
    headers: z.record(z.string(), z.string()).optional().describe('Extra HTTP headers, e.g. authorization.'),
    trusted: z
      .boolean()
      .default(false)
      .describe('Believe what the server says its tools do; otherwise every tool is asked about.'),
  }),
  z.object({
    command: z.string().min(1).describe('The program that speaks MCP on stdio.'),
    args: z.array(z.string()).default([]).describe('Its arguments.'),
    env: z.record(z.string(), z.string()).optional().describe('Extra environment variables.'),
    cwd: z.string().optional().describe('Working directory.'),
    trusted: z
      .boolean()
      .default(false)
      .describe('Believe what the server says its tools do; otherwise every tool is asked about.'),
  }),
]);

/** The connectors file: which MCP servers errand may use, and whether the sandbox world runs too. */
export const connectorsConfigSchema = z.object({
  sandbox: z
    .union([
      z.literal(false),
      z.object({
        seed: z.number().int().default(1).describe('World seed.'),
        persona: z.string().default('liming').describe('Who errand works for.'),
        file: z.string().optional().describe('Keep the world in this SQLite file.'),
        apps: z.array(z.string()).optional().describe('Only these sandbox apps.'),
      }),
    ])
    .default({ seed: 1, persona: 'liming' })
    .describe('The sandbox world (on by default); false to use only the servers below.'),
  servers: z
    .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]*$/), serverSchema)
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
      `The config file ${file} is invalid: ${formatZodError(parsed.error)}`,
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
