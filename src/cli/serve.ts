import type { Command } from 'commander';
import { modelsWithDefault } from '../errands/index.js';
import { isPostgresUrl, redactUrl } from '../agent/journal-pg.js';
import { ErrandQueue } from '../errands/queue.js';
import { ErrandError, toErrandError } from '../errors.js';
import { resolveModel } from '../models/registry.js';
import { parseReasoningLevel, type ReasoningLevel } from '../models/reasoning.js';
import { MIN_SERVE_TOKEN_LENGTH, startServe } from '../serve/index.js';
import { startTracing } from '../telemetry/index.js';
import { isLoopbackHost } from '../world/index.js';
import { errandHome, homeWorldFile, openJournal, serveToken } from './home.js';
import { intOption, listOption } from './options.js';
import { recipeStore } from './recipes.js';
import { ServeResumer } from './serve-resumer.js';

interface ServeFlags {
  port: number;
  host: string;
  allowHost?: string[];
  model?: string;
  reasoning?: ReasoningLevel;
  seed: number;
  data?: string;
  freshWorld?: boolean;
  benchDir: string;
  requireToken?: boolean;
}

/** `errand serve`: the HTTP API and the web console. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Serve the HTTP API (with Server-Sent Events) and the web console: start, watch and approve errands',
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', intOption, 4681)
    .option('--host <addr>', 'address to listen on; anything but loopback needs the token', '127.0.0.1')
    .option(
      '--allow-host <names>',
      'more Host names to answer to, comma-separated (the name a phone uses)',
      listOption,
    )
    .option(
      '-m, --model <provider:model>',
      "the model errands use when none is chosen (default: $ERRAND_MODEL, else errand's recipes)",
    )
    .option(
      '--reasoning <level>',
      "how hard the default model thinks: off, low, medium or high (default: the model's own)",
      (v: string) => parseReasoningLevel(v),
    )
    .option('--seed <n>', 'seed of the sandbox worlds', intOption, 1)
    .option('--data <dir>', "keep each persona's world in this folder instead of errand's home world")
    .option('--fresh-world', 'new worlds in memory, forgotten when the server stops')
    .option('--bench-dir <dir>', 'where bench reports are', 'bench-results')
    .option('--require-token', 'ask for the token on loopback too')
    .action(async (flags: ServeFlags) => {
      process.exitCode = await serveCommand(flags);
    });
}

async function serveCommand(flags: ServeFlags): Promise<number> {
  const defaultRef = flags.model || process.env.ERRAND_MODEL || undefined;
  if (flags.reasoning && !defaultRef)
    throw new ErrandError(
      'CONFIG_INVALID',
      `--reasoning ${flags.reasoning} needs a default model (--model or ERRAND_MODEL).`,
    );
  // A missing key, or a model that cannot think at that level, is said now, not on the first errand.
  if (defaultRef) resolveModel(defaultRef, process.env, { reasoning: flags.reasoning });
  const needsToken = flags.requireToken === true || !isLoopbackHost(flags.host) || !!flags.allowHost?.length;
  const home = errandHome();
  const fromEnv = process.env.ERRAND_SERVE_TOKEN?.trim() || undefined;
  if (fromEnv !== undefined && fromEnv.length < MIN_SERVE_TOKEN_LENGTH)
    throw new ErrandError(
      'CONFIG_INVALID',
      `ERRAND_SERVE_TOKEN must be at least ${MIN_SERVE_TOKEN_LENGTH} characters.`,
    );
  const stored = needsToken && !fromEnv ? serveToken(home) : undefined;
  const token = needsToken ? (fromEnv ?? stored!.token) : undefined;
  const journal = openJournal();
  const db = process.env.ERRAND_DB;
  let queue: ErrandQueue | undefined;
  try {
    // On Postgres, errands go to the queue for `errand worker`s; the journal is the one they share.
    if (db && isPostgresUrl(db)) queue = await ErrandQueue.open(db);
  } catch (err) {
    journal.close();
    throw new ErrandError(
      'STORAGE_FAILED',
      `errand serve cannot open the queue at ${redactUrl(db!)}: ${toErrandError(err).message}`,
    );
  }
  const tracing = await startTracing();
  let server: Awaited<ReturnType<typeof startServe>>;
  try {
    server = await startServe({
      journal,
      port: flags.port,
      hostname: flags.host,
      token,
      allowHosts: flags.allowHost,
      // errand's own world, the one `errand run` acts on, unless told otherwise.
      worlds:
        flags.data || flags.freshWorld
          ? { seed: flags.seed, dataDir: flags.data }
          : { seed: flags.seed, file: homeWorldFile() },
      warm: true,
      models: modelsWithDefault(defaultRef, undefined, flags.reasoning),
      defaultModel: defaultRef ?? "errand's recipes (no model)",
      learned: () =>
        recipeStore()
          .list()
          .filter((r) => r.source.kind === 'learned'),
      tracing,
      benchDir: flags.benchDir,
      log: (line) => process.stderr.write(`${line}\n`),
      ...(queue ? { queue } : {}),
    });
  } catch (err) {
    await queue?.close(false);
    journal.close();
    await tracing?.shutdown();
    throw err;
  }
  const lines = [
    `errand serve: the console is at ${server.url}/ and the API at ${server.url}/api (OpenAPI: /api/openapi.json)`,
  ];
  if (!token) lines.push('  Listening on this machine only, so no token is asked for.');
  else if (stored?.created)
    lines.push(
      `  Every call needs this token (shown this once; it is kept in ${stored.file}):`,
      `    ${stored.token}`,
      '  Programs send it as "Authorization: Bearer <token>"; the console asks for it once per browser.',
    );
  else
    lines.push(
      `  Every call needs the token ${fromEnv ? 'in ERRAND_SERVE_TOKEN' : `kept in ${stored!.file}`} ("Authorization: Bearer <token>"; the console asks for it once per browser).`,
    );
  if (tracing) lines.push(`  Traces go to ${new URL(tracing.url).origin}.`);
  // On SQLite this server runs its errands itself, so it also takes up those a crash left behind.
  const resumer = queue ? undefined : new ServeResumer(journal, (line) => process.stderr.write(`${line}\n`));
  const resumed = resumer?.start() ?? [];
  if (queue)
    lines.push(`  Errands are queued for errand workers on ${redactUrl(db!)} (errand worker --db …).`);
  else if (resumed.length)
    lines.push(
      `  Taking up ${resumed.length} errand${resumed.length > 1 ? 's' : ''} left interrupted or waiting: ${resumed.join(', ')}.`,
    );
  lines.push('  Ctrl-C stops it (running errands are cancelled cleanly).');
  // Listen for the stop signal before saying the server is up: whoever reads that may stop it at once.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  await stopped;
  await server.close();
  await resumer?.close();
  await queue?.close();
  journal.close();
  await tracing?.shutdown();
  return 0;
}
