import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Command } from 'commander';
import { ErrandError } from '../errors.js';
import {
  APP_NAMES,
  createAppMcpServer,
  formatWorldTime,
  serveWorld,
  World,
  WorldHost,
} from '../world/index.js';
import { intOption } from './options.js';

/** `errand world serve` and `errand world mcp <app>`. */
export function registerWorldCommands(program: Command): void {
  const world = program.command('world').description('Run the sandbox world of apps errand acts in');

  world
    .command('serve')
    .description('Serve every app over MCP (Streamable HTTP) and HTTP JSON on one port')
    .option('--seed <n>', 'world seed (the same seed builds the same world)', intOption, 1)
    .option('--persona <id>', 'who errand works for: liming or sam', 'liming')
    .option('--port <n>', 'port to listen on (0 picks a free one)', intOption, 4680)
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--file <path>', 'keep the world in this SQLite file')
    .action(async (opts: { seed: number; persona: string; port: number; host: string; file?: string }) => {
      const host = WorldHost.open({ seed: opts.seed, persona: opts.persona, file: opts.file });
      const server = await serveWorld(host, { port: opts.port, hostname: opts.host });
      printServing(host.main, server.url);
      await waitForSignal();
      await server.close();
      host.close();
    });

  world
    .command('mcp')
    .description('Serve one app as an MCP server over stdio')
    .argument('<app>', `one of ${APP_NAMES.join(', ')}`)
    .option('--seed <n>', 'world seed', intOption, 1)
    .option('--persona <id>', 'who errand works for: liming or sam', 'liming')
    .option('--file <path>', 'keep the world in this SQLite file (shared by several servers)')
    .action(async (appName: string, opts: { seed: number; persona: string; file?: string }) => {
      if (!(APP_NAMES as readonly string[]).includes(appName)) {
        throw new ErrandError('NOT_FOUND', `No app "${appName}"; apps are ${APP_NAMES.join(', ')}.`);
      }
      const w = World.open({ seed: opts.seed, persona: opts.persona, file: opts.file });
      const server = createAppMcpServer(w, appName);
      const transport = new StdioServerTransport();
      const closed = new Promise<void>((resolve) => {
        transport.onclose = () => resolve();
        process.stdin.once('end', () => resolve());
      });
      await server.connect(transport);
      process.stderr.write(
        `errand world: ${appName} MCP server on stdio (seed ${w.seed}, persona ${w.persona.id})\n`,
      );
      await closed;
      w.close();
    });
}

function printServing(world: World, url: string): void {
  const persona = world.persona;
  const lines = [
    `errand world — seed ${world.seed}, persona ${persona.name} (${persona.id}), world time ${formatWorldTime(world.now)}`,
    '',
    'Apps (MCP over Streamable HTTP):',
    ...world.apps.map(
      (a) =>
        `  ${a.name.padEnd(9)} ${url}/apps/${a.name}/mcp   ${a.title.en} / ${a.title.zh}, ${a.tools.length} tools`,
    ),
    '',
    `HTTP JSON:  POST ${url}/apps/<app>/tools/<tool>   (list: GET ${url}/apps/<app>/tools)`,
    `Admin:      POST ${url}/admin/snapshot | restore | fork | advance | plant,  GET ${url}/admin/diff?from=<snapshot>`,
    '',
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
