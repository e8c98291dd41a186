import type { Command } from 'commander';
import type { ErrandOrigin, JournalEvent } from '../agent/events.js';
import type { Journal } from '../agent/journal.js';
import { mayWait, runErrand, type WaitReader, waitIsDue } from '../agent/runner.js';
import { connectServers } from '../connectors/config.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../connectors/sandbox.js';
import type { Connector } from '../connectors/types.js';
import { ErrandError } from '../errors.js';
import { prepareErrand, type RecipePlan } from '../errands/prepare.js';
import { unattended } from '../guard/defaults.js';
import { type Approver, mandateSchema } from '../guard/index.js';
import { resolveModel } from '../models/registry.js';
import { terminalApprover } from './approver.js';
import { loadConfig } from './config.js';
import { openJournal, storedWorldToken } from './home.js';
import { recipeStore } from './recipes.js';
import { LiveRenderer, printReport } from './render.js';
import type { Report } from '../agent/report.js';
import { cancelOnSignals } from './signals.js';

interface ResumeFlags {
  json?: boolean;
  all?: boolean;
  approve?: 'ask' | 'auto' | 'deny';
}

/** `errand resume <id>`: finishes an interrupted errand from its journal, doing nothing twice. */
export function registerResumeCommand(program: Command): void {
  program
    .command('resume')
    .description('Finish an interrupted errand from its journal: nothing it did is done again')
    .argument('[id]', 'the errand id (or a unique prefix); see errand tasks')
    .option('--all', 'resume every interrupted errand, oldest first')
    .option('--json', 'print machine-readable events (one JSON object per line), then the report')
    .option('--approve <policy>', 'when an action needs approval: ask, auto or deny (default: as it ran)')
    .action(async (id: string | undefined, flags: ResumeFlags) => {
      if (!id && !flags.all)
        throw new ErrandError('INVALID_INPUT', 'Name the errand to resume, or pass --all.');
      if (flags.approve && !['ask', 'auto', 'deny'].includes(flags.approve))
        throw new ErrandError('INVALID_INPUT', `--approve takes ask, auto or deny, not "${flags.approve}".`);
      const journal = openJournal();
      try {
        const ids = flags.all ? journal.resumable({ waiting: true }) : [journal.resolve(id!)];
        if (ids.length === 0) process.stdout.write('No interrupted errands.\n');
        let code = 0;
        for (const errandId of ids) code = Math.max(code, await resumeOne(journal, errandId, flags));
        process.exitCode = code;
      } finally {
        journal.close();
      }
    });
}

/** What the journal says about how an errand ran, checked to be resumable. */
function originOf(
  events: JournalEvent[],
  errandId: string,
): {
  started: Extract<JournalEvent, { type: 'task.started' }>;
  origin: ErrandOrigin;
} {
  const started = events.find((e) => e.type === 'task.started');
  if (!started)
    throw new ErrandError(
      'CONFLICT',
      `errand ${errandId} ended before it started anything; run the request again instead.`,
    );
  const origin = started.origin;
  if (!origin)
    throw new ErrandError(
      'CONFLICT',
      `errand ${errandId} was not started by errand run, so errand does not know how to reach its apps again.`,
    );
  if (origin.world.kind === 'memory')
    throw new ErrandError(
      'CONFLICT',
      `errand ${errandId} acted on a world in memory (--fresh-world), which ended with its process: there is nothing to resume it on.`,
    );
  return { started, origin };
}

/** The sandbox the errand acted on, opened again. */
function sandboxOf(origin: ErrandOrigin): SandboxOptions | false {
  const w = origin.world;
  if (w.kind === 'file') return { file: w.file, seed: w.seed, persona: w.persona };
  if (w.kind === 'url')
    return {
      url: w.url,
      ...(w.persona ? { persona: w.persona } : {}),
      token: process.env.ERRAND_WORLD_TOKEN || storedWorldToken(),
    };
  return false;
}

/** Reads the sandbox's apps for a wait, by model-facing tool name (`food_get_order`). */
function readerOf(sandbox: Sandbox): WaitReader {
  return async (tool, input) => {
    const app = tool.slice(0, tool.indexOf('_'));
    const connector = sandbox.connectors.find((c) => c.name === app);
    const out = await connector?.callTool(tool.slice(app.length + 1), input, { timeoutMs: 30_000 });
    return out?.ok ? out.data : undefined;
  };
}

/** How one errand is resumed: by `errand resume` in a terminal, or by `errand worker` for the queue. */
export interface ResumeOptions {
  /** When an action needs approval (default: as it ran). */
  approve?: 'ask' | 'auto' | 'deny';
  /** Show each event as a JSON line instead of the live view. */
  json?: boolean;
  /** Where the live view goes; null shows nothing (a worker). */
  out?: NodeJS.WritableStream | null;
  signal: AbortSignal;
  /** Who a person's questions go to when the errand asks them and no terminal can (a worker: the queue). */
  asker?: (errandId: string) => Approver;
  /** Opens the errand's world; default a new sandbox, closed when the errand ends. A given one is the caller's to close. */
  openSandbox?: (options: SandboxOptions) => Promise<Sandbox>;
}

/** How a resume ended: with the errand's report, or not taken up because what it waits for has not happened. */
export type Resumed = { kind: 'ran'; report: Report } | { kind: 'still-waiting' };

/**
 * Takes up an interrupted or waiting errand from its journal and runs it to its end (or its next
 * wait), doing nothing it did before again: the one path `errand resume`, `errand serve` and
 * `errand worker` resume by.
 */
export async function resumeErrand(
  journal: Journal,
  errandId: string,
  options: ResumeOptions,
): Promise<Resumed> {
  const events = journal.events(errandId, { withCreated: true });
  const { started, origin } = originOf(events, errandId);
  const task = started.task;
  const recipes = task.model.startsWith('recipe:');
  const model = recipes ? undefined : resolveModel(task.model);
  const config = loadConfig(origin.config);
  const sandboxOptions = sandboxOf(origin);
  const out = options.out === undefined ? process.stdout : options.out;
  const renderer = out ? new LiveRenderer(out) : undefined;
  const connectors: Connector[] = [];
  let sandbox: Sandbox | undefined;
  try {
    if (sandboxOptions !== false) {
      sandbox = await (options.openSandbox ?? startSandbox)(sandboxOptions);
      connectors.push(...sandbox.connectors);
    }
    connectors.push(...(await connectServers(config.servers)));
    const [row] = journal.list(1, { id: errandId });
    // A cancelled errand is taken up at once, to end as cancelled.
    if (
      row?.status === 'waiting' &&
      sandbox &&
      !options.signal.aborted &&
      !(await waitIsDue(events, readerOf(sandbox), sandbox.world.now))
    ) {
      if (out && !options.json) out.write(`errand ${errandId} is still waiting; nothing to do yet.\n`);
      return { kind: 'still-waiting' };
    }
    const learned = recipeStore()
      .list()
      .filter((r) => r.source.kind === 'learned');
    const prepared = prepareErrand(
      {
        request: task.request,
        images: task.images,
        mandate: mandateSchema.parse(task.mandate),
        model,
        maxSteps: task.limits.maxSteps,
        confirm: origin.confirm,
        learned,
        // Once it has understood the request, it runs the recipes it chose then: the world has changed since.
        ...(origin.plan && events.some((e) => e.type === 'intents.derived')
          ? { plan: origin.plan as RecipePlan }
          : {}),
      },
      sandbox,
      connectors,
    );
    if (prepared.kind !== 'ready' || prepared.run.model.ref !== task.model)
      throw new ErrandError(
        'CONFLICT',
        `errand ${errandId} ran with ${task.model}, which errand cannot set up again here${prepared.kind === 'ready' ? ` (it would run ${prepared.run.model.ref})` : ''}: its recipes changed since. \`errand show ${errandId}\` shows what it did.`,
      );
    const policy = options.approve ?? origin.approve ?? 'deny';
    const interactive = policy === 'ask' && out === process.stdout && process.stdin.isTTY && !options.json;
    const approver = interactive
      ? terminalApprover(process.stdin, process.stderr)
      : policy === 'ask' && options.asker
        ? options.asker(errandId)
        : unattended(policy === 'auto' ? 'auto' : 'deny');
    const show = (e: JournalEvent) => {
      if (options.json) out?.write(`${JSON.stringify(e)}\n`);
      else renderer?.event(e);
    };
    if (out && !options.json)
      out.write(
        `Resuming errand ${errandId} from its journal (${events.length} events; nothing done is done again).\n`,
      );
    for (const e of events) if (options.json && e.type !== 'task.created') show(e);
    const unsubscribe = journal.subscribe(errandId, show);
    try {
      const { report } = await runErrand({
        ...prepared.run,
        errandId,
        journal,
        approver,
        signal: options.signal,
        resume: true,
        origin,
        ...(sandbox && mayWait(task.request) ? { clock: () => sandbox!.world.now } : {}),
      });
      return { kind: 'ran', report };
    } finally {
      unsubscribe();
    }
  } finally {
    renderer?.close();
    await Promise.all(connectors.filter((c) => !sandbox?.connectors.includes(c)).map((c) => c.close()));
    if (!options.openSandbox) await sandbox?.close();
  }
}

async function resumeOne(journal: Journal, errandId: string, flags: ResumeFlags): Promise<number> {
  const controller = new AbortController();
  const stopSignals = cancelOnSignals(controller);
  try {
    const resumed = await resumeErrand(journal, errandId, {
      signal: controller.signal,
      ...(flags.approve ? { approve: flags.approve } : {}),
      ...(flags.json ? { json: true } : {}),
    });
    return resumed.kind === 'ran' ? printReport(resumed.report, flags.json === true) : 0;
  } finally {
    // A signal while errand closes its apps is still a cancel, not a kill: stop listening last.
    stopSignals();
  }
}
