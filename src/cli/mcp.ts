import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Command } from 'commander';
import {
  createErrandMcpServer,
  ErrandDesk,
  MCP_REPLY_WORDING,
  modelsWithDefault,
  serveErrandMcp,
  WorldPool,
} from '../errands/index.js';
import { ErrandError } from '../errors.js';
import { startTracing } from '../telemetry/index.js';
import { MIN_TOKEN_LENGTH } from '../world/index.js';
import { parseReasoningLevel, type ReasoningLevel } from '../models/reasoning.js';
import { resolveModel } from '../models/registry.js';
import { loadConfig, type MandateFlags, mandateFrom } from './config.js';
import { errandHome, mcpToken, openJournal } from './home.js';
import { intOption } from './options.js';
import { recipeStore } from './recipes.js';
import { checkApps, type Given, reachableApps, sandboxFrom } from './settings.js';
import { addMandateOptions, addWorldOptions } from './shared-options.js';
import { chooseWorld, type WorldFlags } from './world-choice.js';

interface McpFlags extends MandateFlags, WorldFlags {
  http?: boolean;
  port: number;
  model?: string;
  reasoning?: ReasoningLevel;
  persona: string;
  seed: number;
  config?: string;
}

/** `errand mcp`: errand as an MCP server, so another agent can delegate errands to it. */
export function registerMcpCommand(program: Command): void {
  const command = program
    .command('mcp')
    .description(
      'Serve errand over MCP (stdio, or Streamable HTTP with --http): another agent starts errands, follows them and answers their approvals',
    )
    .option('--http', 'serve Streamable HTTP on 127.0.0.1 instead of stdio; every call needs the token')
    .option('--port <n>', 'port for --http (0 picks a free one)', intOption, 0)
    .option(
      '-m, --model <provider:model>',
      'the model for errands that name none (default: $ERRAND_MODEL; none: recipes)',
    )
    .option(
      '--reasoning <level>',
      "how hard the default model thinks: off, low, medium or high (default: the model's own)",
      (v: string) => parseReasoningLevel(v),
    );
  addWorldOptions(command);
  addMandateOptions(command);
  command.action(async (flags: McpFlags, cmd: Command) => {
    const given: Given = (option) => cmd.getOptionValueSource(option) === 'cli';
    await serveMcp(flags, given);
  });
}

async function serveMcp(flags: McpFlags, given: Given): Promise<void> {
  const config = loadConfig(flags.config);
  if (Object.keys(config.servers).length)
    throw new ErrandError(
      'CONFIG_INVALID',
      `errand mcp acts only in the sandbox world; the config file ${flags.config} lists MCP servers: drop them for errand mcp.`,
    );
  const fromConfig = sandboxFrom(config, flags.config, flags, given);
  if (fromConfig === false)
    throw new ErrandError(
      'CONFIG_INVALID',
      `errand mcp acts in the sandbox world, which the config file ${flags.config} turns off.`,
    );
  const fileSandbox = config.sandbox === false ? undefined : config.sandbox;
  const world = chooseWorld(fromConfig, flags, {
    file: flags.config,
    seedTyped: given('seed') || fileSandbox?.seed !== undefined,
    personaTyped: given('persona') || fileSandbox?.persona !== undefined,
  });
  const mandate = mandateFrom(config, flags);
  checkApps(
    mandate.apps,
    reachableApps(config),
    flags.allowApp?.length || !flags.config ? { kind: 'flag' } : { kind: 'config', file: flags.config },
  );
  const defaultModel = flags.model || process.env.ERRAND_MODEL || undefined;
  const reasoning = flags.reasoning ?? config.model.reasoning;
  if (reasoning && !defaultModel)
    throw new ErrandError(
      'CONFIG_INVALID',
      `--reasoning ${reasoning} needs a default model (--model or ERRAND_MODEL).`,
    );
  // A model that cannot think at that level is said now, not on the first errand.
  if (defaultModel && reasoning) resolveModel(defaultModel, process.env, { reasoning });
  const journal = openJournal();
  const tracing = await startTracing();
  const worlds = new WorldPool(world);
  const desk = new ErrandDesk({
    journal,
    worlds,
    mandate,
    models: modelsWithDefault(defaultModel, undefined, reasoning),
    learned: () =>
      recipeStore()
        .list()
        .filter((r) => r.source.kind === 'learned'),
    answeredBy: flags.http ? 'mcp:http' : 'mcp:stdio',
    replyWording: MCP_REPLY_WORDING,
    tracing,
  });
  const log = (text: string) => process.stderr.write(`errand mcp: ${text}\n`);
  try {
    if (flags.http) await serveHttp(desk, flags.port);
    else {
      const transport = new StdioServerTransport();
      const closed = new Promise<void>((resolve) => {
        transport.onclose = () => resolve();
        process.stdin.once('end', () => resolve());
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await createErrandMcpServer(desk).connect(transport);
      log(`serving on stdio; errands act on ${describeWorld(world)}.`);
      await closed;
    }
  } finally {
    await desk.close();
    await worlds.close();
    journal.close();
    await tracing?.shutdown();
  }
}

function describeWorld(world: { url?: string; file?: string }): string {
  return world.url
    ? `the world server at ${world.url}`
    : world.file
      ? `the world kept in ${world.file}`
      : 'a new world in memory, kept while errand mcp runs';
}

async function serveHttp(desk: ErrandDesk, port: number): Promise<void> {
  const given = process.env.ERRAND_MCP_TOKEN || undefined;
  if (given !== undefined && (given.length < MIN_TOKEN_LENGTH || /\s/.test(given)))
    throw new ErrandError(
      'CONFIG_INVALID',
      `ERRAND_MCP_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters with no spaces.`,
    );
  const stored = given ? undefined : mcpToken(errandHome());
  const server = await serveErrandMcp(desk, { token: given ?? stored!.token, port });
  const lines = [
    `errand mcp — MCP over Streamable HTTP at ${server.url}`,
    stored
      ? `Every call needs "Authorization: Bearer <token>", the token in ${stored.file} (readable only by you).`
      : 'Every call needs "Authorization: Bearer <token>" with the token in ERRAND_MCP_TOKEN.',
    // Shown once, when made, so the person can give it to the agent; never again in any output.
    ...(stored?.created ? [`A new token was made and kept there: ${stored.token}`] : []),
    'Tools: start_errand, errand_status, errand_events, answer_approval, cancel_errand.',
    'Press Ctrl-C to stop (running errands are cancelled).',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
}
