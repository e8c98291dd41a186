import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { newErrandId, runErrand } from '../agent/runner.js';
import type { Connector } from '../connectors/types.js';
import { connectServers } from '../connectors/config.js';
import { type Sandbox, startSandbox } from '../connectors/sandbox.js';
import { ErrandError } from '../errors.js';
import { unattended } from '../guard/defaults.js';
import { MandateGuard } from '../guard/guard.js';
import { offeredConnectors } from '../guard/offered.js';
import { resolveModel, useModel } from '../models/registry.js';
import { planOffline } from '../recipes/offline.js';
import { recipeModel } from '../recipes/replay.js';
import { recipeTools } from '../recipes/tools.js';
import { terminalApprover } from './approver.js';
import { loadConfig, type MandateFlags, mandateFrom } from './config.js';
import { learnAndSave, recipeStore } from './recipes.js';
import { openJournal } from './home.js';
import { intOption } from './options.js';
import { formatReport, LiveRenderer } from './render.js';
import { interruptedRepeat } from './repeat-check.js';
import { cancelOnSignals } from './signals.js';

interface RunFlags extends MandateFlags {
  learn?: boolean;
  image?: string[];
  model?: string;
  json?: boolean;
  persona: string;
  seed: number;
  config?: string;
  maxSteps: number;
  approve: 'ask' | 'auto' | 'deny';
  again?: boolean;
}

/** `errand run "<request>"`: runs one errand live and prints its report. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run an errand: errand run "Order me a latte to the office and tell Tom I\'m running late"')
    .argument('<request...>', 'what you need, in Chinese or English')
    .option('-m, --model <provider:model>', 'the model (default: $ERRAND_MODEL), e.g. deepseek:deepseek-chat')
    .option('--json', 'print machine-readable events (one JSON object per line) instead of the live view')
    .option('--persona <id>', 'who errand works for in the sandbox world: liming or sam', 'liming')
    .option('--seed <n>', 'sandbox world seed', intOption, 1)
    .option('--max-steps <n>', 'stop after this many model turns', intOption, 30)
    .option(
      '--approve <policy>',
      'when an action needs approval: ask, auto (allow within mandate) or deny',
      'ask',
    )
    .option('--budget <yuan>', 'most errand may pay in total, e.g. 40')
    .option('--cap <yuan>', 'most one payment may be')
    .option('--approve-above <yuan>', 'ask before any payment above this')
    .option('--allow-app <app...>', 'only these apps, e.g. --allow-app food pay chat')
    .option('--allow <id...>', 'people or accounts errand may always message or pay')
    .option('--recipients <who>', 'who errand may message or pay: named (in the request), contacts, or list')
    .option(
      '--config <file>',
      'a config file: MCP servers, sandbox settings and a standing mandate (see README)',
    )
    .option('--learn', 'after a successful errand, learn it as a recipe to run again with no model')
    .option('--image <file...>', 'attach pictures to the request (png, jpeg, webp, gif), for models that see')
    .option('--again', 'run a request even though the same one was interrupted after starting a write')
    .action(async (words: string[], flags: RunFlags) => {
      process.exitCode = await runCommand(words.join(' '), flags);
    });
}

async function runCommand(request: string, flags: RunFlags): Promise<number> {
  const ref = flags.model || process.env.ERRAND_MODEL || undefined;
  if (!['ask', 'auto', 'deny'].includes(flags.approve)) {
    throw new ErrandError('INVALID_INPUT', `--approve takes ask, auto or deny, not "${flags.approve}".`);
  }
  let model = ref ? resolveModel(ref) : undefined;
  const config = loadConfig(flags.config);
  const images = (flags.image ?? []).map(readImage);
  const mandate = mandateFrom(config, flags);
  const journal = openJournal();
  let sandbox: Sandbox | undefined;
  const connectors: Connector[] = [];
  const controller = new AbortController();
  const stopSignals = cancelOnSignals(controller);
  const renderer = new LiveRenderer(process.stdout);
  try {
    const repeat = flags.again ? null : interruptedRepeat(journal, request);
    if (repeat) {
      process.stderr.write(`${repeat}\n`);
      return 1;
    }
    const sandboxOptions = flags.config ? config.sandbox : { seed: flags.seed, persona: flags.persona };
    if (sandboxOptions !== false) {
      sandbox = await startSandbox(sandboxOptions);
      connectors.push(...sandbox.connectors);
    }
    connectors.push(...(await connectServers(config.servers)));
    const note = (text: string) => (flags.json ? process.stderr : process.stdout).write(`${text}\n`);
    let macros: ReturnType<typeof recipeTools> | undefined;
    if (sandbox) {
      const plan = planOffline(
        request,
        sandbox.host.main,
        recipeStore()
          .list()
          .filter((r) => r.source.kind === 'learned'),
      );
      if (!model) {
        if (plan.kind === 'unsure') {
          note(
            `No model is configured, so errand tried its built-in recipes, and it is not sure what you want.\n  Understood: ${plan.understood}\n  Missing: ${plan.missing.join('; ')}\nSay it more precisely, or configure a model: --model provider:model or ERRAND_MODEL (see README).`,
          );
          return 1;
        }
        note(`No model is configured: running errand's recipes with no model (${plan.understood}).`);
        if (plan.budgetFen !== undefined && mandate.budgetFen === null) mandate.budgetFen = plan.budgetFen;
        model = useModel(recipeModel(plan.steps));
      } else if (plan.kind === 'run') {
        macros = recipeTools(plan.steps.map((s) => ({ recipe: s.recipe, suggested: s.params })));
      }
    }
    if (!model) {
      throw new ErrandError(
        'CONFIG_INVALID',
        'No model is configured and the sandbox world is off, so there are no recipes to run: pass --model provider:model or set ERRAND_MODEL (for example deepseek:deepseek-chat with DEEPSEEK_API_KEY, or ollama:qwen2.5:7b).',
      );
    }
    const recipeRun = model.provider === 'recipe';
    const interactive = flags.approve === 'ask' && process.stdin.isTTY && !flags.json;
    const approver = interactive
      ? terminalApprover(process.stdin, process.stderr)
      : unattended(flags.approve === 'auto' ? 'auto' : 'deny');
    const profile = sandbox?.profile ?? {
      name: 'the user',
      language: /[\u4e00-\u9fff]/.test(request) ? ('zh' as const) : ('en' as const),
      preferences: {},
    };
    const errandId = newErrandId();
    const unsubscribe = journal.subscribe(errandId, (e) => {
      if (flags.json) process.stdout.write(`${JSON.stringify(e)}\n`);
      else renderer.event(e);
    });
    const trusted = sandbox?.trusted(request) ?? { request, people: [], addresses: [] };
    const guard = new MandateGuard(mandate, trusted, sandbox ? () => sandbox!.host.main.now : Date.now);
    const { report } = await runErrand({
      errandId,
      guard,
      trusted,
      task: { request, images, profile, model: model.ref, mandate, limits: { maxSteps: flags.maxSteps } },
      model,
      connectors: offeredConnectors(connectors, mandate),
      journal,
      approver,
      signal: controller.signal,
      now: sandbox?.now,
      macros,
      ...(recipeRun
        ? { observationBudget: Number.MAX_SAFE_INTEGER, contextBudget: Number.MAX_SAFE_INTEGER }
        : {}),
    });
    if (flags.learn && report.status === 'finished' && report.outcome === 'done' && !recipeRun) {
      journal.flush();
      const learned = learnAndSave(report.errandId, undefined, journal);
      note(`Learned recipe ${learned.recipe.id}: the same request will run again with no model.`);
    }
    unsubscribe();
    renderer.close();
    if (flags.json) process.stdout.write(`${JSON.stringify({ type: 'report', ...report })}\n`);
    else process.stdout.write(`${formatReport(report)}\n`);
    return report.status === 'finished' && report.outcome === 'done'
      ? 0
      : report.status === 'cancelled'
        ? 130
        : 1;
  } finally {
    renderer.close();
    stopSignals();
    await Promise.all(connectors.filter((c) => !sandbox?.connectors.includes(c)).map((c) => c.close()));
    await sandbox?.close();
    journal.close();
  }
}

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** Reads a picture for the request, with a clear error for a missing file or an unknown kind. */
function readImage(file: string): { mediaType: string; data: string } {
  const mediaType = IMAGE_TYPES[extname(file).slice(1).toLowerCase()];
  if (!mediaType)
    throw new ErrandError(
      'INVALID_INPUT',
      `${file} is not a picture errand can send (png, jpeg, webp, gif).`,
    );
  try {
    return { mediaType, data: readFileSync(file).toString('base64') };
  } catch (err) {
    throw new ErrandError('NOT_FOUND', `Cannot read the picture ${file}: ${(err as Error).message}`);
  }
}
