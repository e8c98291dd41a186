import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { ErrandOrigin } from '../agent/events.js';
import type { Command } from 'commander';
import type { Journal } from '../agent/journal.js';
import { mayWait, newErrandId, runErrand } from '../agent/runner.js';
import type { Connector } from '../connectors/types.js';
import { connectServers } from '../connectors/config.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../connectors/sandbox.js';
import type { ScreenConnector } from '../connectors/browser/index.js';
import type { Browser } from 'playwright-core';
import { ErrandError } from '../errors.js';
import { prepareErrand } from '../errands/prepare.js';
import { parseSite } from '../errands/screens.js';
import { unattended } from '../guard/defaults.js';
import { presetTimeoutS, resolveModel } from '../models/registry.js';
import { parseReasoningLevel, type ReasoningLevel } from '../models/reasoning.js';
import { terminalApprover } from './approver.js';
import {
  DEFAULT_MODEL_TIMEOUT_S,
  type ErrandConfig,
  loadConfig,
  type MandateFlags,
  mandateFrom,
} from './config.js';
import { learnAndSave, recipeStore } from './recipes.js';
import { openJournal } from './home.js';
import { intOption, listOption, repeatOption, secondsOption } from './options.js';
import { addMandateOptions, addWorldOptions } from './shared-options.js';
import { LiveRenderer, printReport } from './render.js';
import { checkNotSwallowed, readRequest } from './request.js';
import {
  checkAllowIds,
  checkApps,
  type Given,
  modelTimeoutMs,
  partiesOf,
  reachableApps,
  sandboxFrom,
} from './settings.js';
import { interruptedRepeat } from './repeat-check.js';
import { cancelOnSignals } from './signals.js';
import { startTracing, traceErrand } from '../telemetry/index.js';
import { checkKeptSeed } from './world.js';
import { chooseWorld, type WorldFlags } from './world-choice.js';

interface RunFlags extends MandateFlags, WorldFlags {
  learn?: boolean;
  confirm?: boolean;
  image?: string[];
  model?: string;
  modelTimeout?: number;
  reasoning?: ReasoningLevel;
  json?: boolean;
  persona: string;
  seed: number;
  config?: string;
  requestFile?: string;
  maxSteps: number;
  approve: 'ask' | 'auto' | 'deny';
  again?: boolean;
  mode: string;
  url?: string;
  allowDomain?: string[];
  headed?: boolean;
}

/** `errand run "<request>"`: runs one errand live and prints its report. */
export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('Run an errand: errand run "Order me a latte to the office and tell Tom I\'m running late"')
    .argument(
      '[request...]',
      'what you need, in Chinese or English; "-" (or nothing, with input piped in) reads it from stdin',
    )
    .option('-m, --model <provider:model>', 'the model (default: $ERRAND_MODEL), e.g. deepseek:deepseek-chat')
    .option(
      '--model-timeout <seconds>',
      `give up on one model call after this long (default ${DEFAULT_MODEL_TIMEOUT_S}; a timed-out call is retried once)`,
      secondsOption,
    )
    .option(
      '--reasoning <level>',
      "how hard the model thinks before it acts: off, low, medium or high (default: the model's own; see README)",
      (v: string) => parseReasoningLevel(v),
    )
    .option('--request-file <file>', 'read the request from this file (for a long request)')
    .option('--json', 'print machine-readable events (one JSON object per line) instead of the live view')
    .option('--max-steps <n>', 'stop after this many model turns', intOption, 30)
    .option(
      '--approve <policy>',
      'when an action needs approval: ask, auto (allow within mandate) or deny',
      'ask',
    );
  addWorldOptions(command);
  addMandateOptions(command);
  command
    .option('--learn', 'after a successful errand, learn it as a recipe to run again with no model')
    .option('--confirm', 'show what errand understood and ask before anything runs')
    .option('--again', 'run a request even though the same one was interrupted after starting a write')
    .option('--mode <mode>', "api (the apps' tools) or gui (operate their screens in Chromium)", 'api')
    .option('--url <address>', "GUI mode: operate this web site instead of the sandbox world's screens")
    .option(
      '--allow-domain <hosts>',
      "GUI mode: sites the browser may reach besides the world and --url's (comma-separated; may repeat)",
      listOption,
    )
    .option('--headed', 'GUI mode: show the browser window')
    .option(
      '--image <file>',
      'attach a picture to the request (png, jpeg, webp, gif), for models that see; repeat for more',
      repeatOption,
    )
    .action(async (words: string[], flags: RunFlags, command: Command) => {
      const given = (option: string) => command.getOptionValueSource(option) === 'cli';
      process.exitCode = await runCommand(words, flags, given);
    });
}

async function runCommand(words: string[], flags: RunFlags, given: Given): Promise<number> {
  checkNotSwallowed(words, flags);
  const ref = flags.model || process.env.ERRAND_MODEL || undefined;
  if (!['ask', 'auto', 'deny'].includes(flags.approve)) {
    throw new ErrandError('INVALID_INPUT', `--approve takes ask, auto or deny, not "${flags.approve}".`);
  }
  if (flags.mode !== 'api' && flags.mode !== 'gui')
    throw new ErrandError('INVALID_INPUT', `--mode takes api or gui, not "${flags.mode}".`);
  if (flags.mode === 'api' && (flags.url || flags.allowDomain?.length || flags.headed))
    throw new ErrandError('INVALID_INPUT', '--url, --allow-domain and --headed are for --mode gui.');
  const site = flags.url ? parseSite(flags.url) : undefined;
  const config = loadConfig(flags.config);
  const reasoning = flags.reasoning ?? config.model.reasoning;
  if (reasoning && !ref)
    throw new ErrandError(
      'CONFIG_INVALID',
      `--reasoning ${reasoning} needs a model (--model provider:model or ERRAND_MODEL); errand's recipes do not think.`,
    );
  const model = ref
    ? resolveModel(ref, process.env, {
        reasoning,
        ...(config.model.vision !== undefined ? { vision: config.model.vision } : {}),
      })
    : undefined;
  if (flags.mode === 'gui' && !model)
    throw new ErrandError(
      'CONFIG_INVALID',
      "GUI mode needs a model to look at the screens: --model provider:model or ERRAND_MODEL (errand's recipes use the apps' tools, not screens).",
    );
  const fromConfig = sandboxFrom(config, flags.config, flags, given);
  const fileSandbox = config.sandbox === false ? undefined : config.sandbox;
  if (fromConfig === false && (flags.world !== undefined || flags.freshWorld))
    throw new ErrandError(
      'CONFIG_INVALID',
      `${flags.world !== undefined ? '--world' : '--fresh-world'} needs the sandbox world, but the config file ${flags.config} turns it off ("sandbox": false).`,
    );
  const seedTyped = given('seed') || fileSandbox?.seed !== undefined;
  const sandboxOptions =
    fromConfig === false
      ? false
      : chooseWorld(fromConfig, flags, {
          file: flags.config,
          seedTyped,
          personaTyped: given('persona') || fileSandbox?.persona !== undefined,
        });
  const images = (flags.image ?? []).map(readImage);
  const mandate = mandateFrom(config, flags);
  const appsFromFlag = Boolean(flags.allowApp?.length);
  checkApps(
    mandate.apps,
    reachableApps(config),
    appsFromFlag || !flags.config ? { kind: 'flag' } : { kind: 'config', file: flags.config },
  );
  const request = await readRequest(words, { file: flags.requestFile, stdin: process.stdin });
  const journal = openJournal();
  const tracing = await startTracing();
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  let screen: ScreenConnector | undefined;
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
    if (sandboxOptions !== false) {
      sandbox = await startSandbox(sandboxOptions);
      connectors.push(...sandbox.connectors);
      // A kept world goes on from where it was left: a seed typed for it must be the one it was built from.
      checkKeptSeed(
        sandbox.world,
        sandboxOptions.seed ?? 1,
        seedTyped,
        `errand world reset --seed ${sandboxOptions.seed ?? 1}`,
      );
      checkAllowed(sandbox, config, flags);
    }
    connectors.push(...(await connectServers(config.servers)));
    const note = (text: string) => (flags.json ? process.stderr : process.stdout).write(`${text}\n`);
    const learned = recipeStore()
      .list()
      .filter((r) => r.source.kind === 'learned');
    const prepared = prepareErrand(
      { request, images, mandate, model, maxSteps: flags.maxSteps, confirm: flags.confirm, learned },
      sandbox,
      connectors,
    );
    if (prepared.kind === 'unsure') {
      note(
        `No model is configured, so errand tried its built-in recipes, and it is not sure what you want.\n  Understood: ${prepared.understood}\n  Missing: ${prepared.missing.join('; ')}\nSay it more precisely, or configure a model: --model provider:model or ERRAND_MODEL (see README).`,
      );
      return 1;
    }
    if (prepared.recipes !== undefined)
      note(`No model is configured: running errand's recipes with no model (${prepared.recipes}).`);
    if (flags.mode === 'gui') {
      if (!site && !sandbox)
        throw new ErrandError('CONFIG_INVALID', 'GUI mode needs the sandbox world or a site (--url).');
      // Loaded only for GUI mode: playwright-core takes a second or more to load on a busy machine.
      const { launchBrowser, ScreenConnector, ScreenOperator } = await import(
        '../connectors/browser/index.js'
      );
      browser = await launchBrowser({ headed: flags.headed });
      const operator = await ScreenOperator.open({
        browser,
        ...(site || !sandbox
          ? {}
          : { world: { url: sandbox.url, token: process.env.ERRAND_WORLD_TOKEN || undefined } }),
        allowDomains: [...(site ? [site.hostname] : []), ...(flags.allowDomain ?? [])],
        ...(mandate.apps ? { apps: mandate.apps } : {}),
        locale: sandbox?.world.persona.language === 'en' ? 'en-US' : 'zh-CN',
      });
      screen = new ScreenConnector(operator, site?.href);
      if (site) await operator.open(site.href);
    }
    const interactive = flags.approve === 'ask' && process.stdin.isTTY && !flags.json;
    const approver = interactive
      ? terminalApprover(process.stdin, process.stderr)
      : unattended(flags.approve === 'auto' ? 'auto' : 'deny');
    const errandId = newErrandId();
    const unsubscribe = journal.subscribe(errandId, (e) => {
      if (flags.json) process.stdout.write(`${JSON.stringify(e)}\n`);
      else renderer.event(e);
    });
    traceErrand(tracing, journal, errandId);
    const { report } = await runErrand({
      ...prepared.run,
      // On screens the model sees only the screen; the apps behind the world's screens decode its writes.
      ...(screen
        ? {
            connectors: [screen],
            screenApps: site ? [] : prepared.run.connectors,
            macros: undefined,
            task: { ...prepared.run.task, mode: 'gui' as const },
          }
        : {}),
      errandId,
      journal,
      approver,
      keepReasoning: config.model.keepReasoning ?? false,
      signal: controller.signal,
      origin: {
        ...originOf(sandboxOptions, sandbox, flags),
        ...(prepared.plan ? { plan: prepared.plan } : {}),
      },
      ...(sandbox && mayWait(request) ? { clock: () => sandbox!.world.now } : {}),
      retry: {
        timeoutMs: modelTimeoutMs(
          flags.modelTimeout,
          config,
          DEFAULT_MODEL_TIMEOUT_S,
          process.env,
          presetTimeoutS(prepared.run.model.provider),
        ),
      },
    });
    if (flags.learn && report.status === 'finished' && report.outcome === 'done') {
      journal.flush();
      note(learnAfterRun(report.errandId, journal));
    }
    unsubscribe();
    renderer.close();
    return printReport(report, flags.json === true);
  } finally {
    renderer.close();
    // A signal while errand closes its apps is still a cancel, not a kill: stop listening last.
    try {
      await Promise.all(connectors.filter((c) => !sandbox?.connectors.includes(c)).map((c) => c.close()));
      await screen?.close();
      await browser?.close();
      await sandbox?.close();
      journal.close();
      await tracing?.shutdown();
    } finally {
      stopSignals();
    }
  }
}

/** How this errand reached its apps, kept in the journal so that `errand resume` can reach them again. */
function originOf(
  options: SandboxOptions | false,
  sandbox: Sandbox | undefined,
  flags: RunFlags,
): ErrandOrigin {
  const world: ErrandOrigin['world'] =
    options === false || !sandbox
      ? { kind: 'none' }
      : options.url
        ? { kind: 'url', url: options.url, persona: sandbox.world.persona.id }
        : options.file
          ? {
              kind: 'file',
              file: resolve(options.file),
              seed: sandbox.world.seed,
              persona: sandbox.world.persona.id,
            }
          : { kind: 'memory' };
  return {
    world,
    ...(flags.config ? { config: resolve(flags.config) } : {}),
    approve: flags.approve,
    ...(flags.confirm ? { confirm: true } : {}),
  };
}

/** Refuses --allow ids (and the config's mandate.allow) that name nobody the persona knows. */
function checkAllowed(sandbox: Sandbox, config: ErrandConfig, flags: RunFlags): void {
  const parties = partiesOf(sandbox);
  const persona = sandbox.world.persona.id;
  checkAllowIds(flags.allow ?? [], parties, persona, { kind: 'flag' });
  if (flags.config)
    checkAllowIds(config.mandate.allow, parties, persona, { kind: 'config', file: flags.config });
}

/** Learns the errand just run, or says why it was not learned: a refusal does not fail the errand. */
function learnAfterRun(errandId: string, journal: Journal): string {
  try {
    const learned = learnAndSave(errandId, undefined, journal);
    return `Learned recipe ${learned.recipe.id}: the same request will run again with no model.`;
  } catch (err) {
    if (err instanceof ErrandError && err.code === 'CONFLICT') return `Not learned: ${err.message}`;
    throw err;
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
