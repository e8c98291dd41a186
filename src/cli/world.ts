import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { ErrandError } from '../errors.js';
import {
  APP_NAMES,
  createAppMcpServer,
  formatWorldTime,
  isLoopbackHost,
  MIN_TOKEN_LENGTH,
  type RunningServer,
  serveWorld,
  World,
  WorldHost,
} from '../world/index.js';
import { errandHome, type StoredToken, worldToken } from './home.js';
import { intOption } from './options.js';
import { registerWorldReset } from './world-reset.js';

/** `errand world serve` and `errand world mcp <app>`. */
export function registerWorldCommands(program: Command): void {
  const world = program.command('world').description('Run the sandbox world of apps errand acts in');

  world
    .command('serve')
    .description('Serve every app over MCP (Streamable HTTP) and HTTP JSON on one port')
    .option('--seed <n>', 'world seed (the same seed builds the same world)', intOption, 1)
    .option('--persona <id>', 'who errand works for: liming or sam', 'liming')
    .option('--port <n>', 'port to listen on (0 picks a free one)', intOption, 4680)
    .option('--host <addr>', 'address to listen on; off this machine only with a token', '127.0.0.1')
    .option(
      '--token <secret>',
      'a token every call must carry (safer: ERRAND_WORLD_TOKEN, as flags show in ps)',
    )
    .option('--allow-host <name...>', "more Host names to answer to, with a token (e.g. this machine's name)")
    .option('--file <path>', 'keep the world in this SQLite file')
    .option(
      '--data <dir>',
      "keep the world and its snapshots in this folder across restarts (errand's home holds the world errand run uses)",
    )
    .action(async (opts: ServeFlags, command: Command) => {
      const serving = resolveAccess(opts);
      if (opts.data && opts.file)
        throw new ErrandError(
          'INVALID_INPUT',
          '--data and --file both say where the world is kept: give one (--data keeps snapshots too).',
        );
      const host = opts.data
        ? WorldHost.openData({ dir: opts.data, seed: opts.seed, persona: opts.persona })
        : WorldHost.open({ seed: opts.seed, persona: opts.persona, file: opts.file });
      try {
        checkKeptSeed(host.main, opts.seed, command.getOptionValueSource('seed') === 'cli');
      } catch (err) {
        host.close();
        throw err;
      }
      let server: RunningServer;
      try {
        server = await serveWorld(host, {
          port: opts.port,
          hostname: opts.host,
          token: serving.kind === 'given' ? serving.token : undefined,
          adminToken: serving.kind === 'stored' ? serving.stored.token : undefined,
          allowHosts: opts.allowHost,
        });
      } catch (err) {
        host.close();
        throw err;
      }
      printServing(host.main, server.url, serving, opts.data ?? opts.file);
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

  registerWorldReset(world);
}

/**
 * Refuses a --seed the person typed that is not the seed the kept world was built from: the world
 * goes on as it was, and acting on it while believing it is another seed's would mislead.
 * `reset` is the command that starts this world over.
 */
export function checkKeptSeed(world: World, seed: number, typed: boolean, reset?: string): void {
  if (!typed || !world.file || world.seed === seed) return;
  throw new ErrandError(
    'CONFLICT',
    `The world kept in ${world.file} was built from seed ${world.seed}, not ${seed}, and goes on from where it was left. Leave out --seed to use it, or start it over from seed ${seed}: ${reset ?? `errand world reset --seed ${seed} --data ${dirname(world.file)}`}.`,
  );
}

interface ServeFlags {
  seed: number;
  persona: string;
  port: number;
  host: string;
  token?: string;
  allowHost?: string[];
  file?: string;
  data?: string;
}

/** Who may call the server: a token given for every call, or the admin token kept in errand's home. */
type Access = { kind: 'given'; token: string } | { kind: 'stored'; stored: StoredToken };

function resolveAccess(opts: ServeFlags, env: NodeJS.ProcessEnv = process.env): Access {
  const given = opts.token ?? (env.ERRAND_WORLD_TOKEN || undefined);
  if (given) return { kind: 'given', token: given };
  if (!isLoopbackHost(opts.host)) {
    throw new ErrandError(
      'CONFIG_INVALID',
      `Listening on ${opts.host} would let anyone who can reach this machine move the sandbox's money. Set a token every call must carry, of ${MIN_TOKEN_LENGTH} or more characters: ERRAND_WORLD_TOKEN=<secret> errand world serve --host ${opts.host} (or --token <secret>), or leave out --host to stay on 127.0.0.1.`,
    );
  }
  if (opts.allowHost?.length) {
    throw new ErrandError(
      'CONFIG_INVALID',
      'Answering to other host names needs a token every call carries: set ERRAND_WORLD_TOKEN=<secret> (or --token).',
    );
  }
  return { kind: 'stored', stored: worldToken(errandHome(env)) };
}

function accessLines(access: Access): string[] {
  if (access.kind === 'given') {
    return ['Token:      every call needs "Authorization: Bearer <your token>" (the one you gave).'];
  }
  const { file, created, token } = access.stored;
  const lines = [
    `Admin calls need "Authorization: Bearer <token>", the token in ${file}; app calls from this machine need none.`,
  ];
  // Shown once, when made, so the person can copy it; never again in any output.
  if (created) lines.push(`A new admin token was made and kept there (readable only by you): ${token}`);
  return lines;
}

function printServing(world: World, url: string, access: Access, kept: string | undefined): void {
  const persona = world.persona;
  const lines = [
    `errand world — seed ${world.seed}, persona ${persona.name} (${persona.id}), world time ${formatWorldTime(world.now)}`,
    kept
      ? `Kept in ${kept}: every write is on disk when it is answered, and the world is there after a restart.`
      : 'In memory: forgotten when this server stops (--data <dir> keeps it).',
    '',
    'Apps (MCP over Streamable HTTP):',
    ...world.apps.map(
      (a) =>
        `  ${a.name.padEnd(9)} ${url}/apps/${a.name}/mcp   ${a.title.en} / ${a.title.zh}, ${a.tools.length} tools`,
    ),
    '',
    `HTTP JSON:  POST ${url}/apps/<app>/tools/<tool>   (list: GET ${url}/apps/<app>/tools)`,
    `Screens:    ${url}/ui/   (each app's phone-sized screens, for people and errand's GUI mode)`,
    `Admin:      POST ${url}/admin/snapshot | restore | fork | advance | plant,  GET ${url}/admin/diff?from=<snapshot>`,
    ...accessLines(access),
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
