import type { Command } from 'commander';
import { newErrandId, runErrand } from '../agent/runner.js';
import type { Connector } from '../connectors/types.js';
import { connectServers } from '../connectors/config.js';
import { type Sandbox, startSandbox } from '../connectors/sandbox.js';
import { ErrandError } from '../errors.js';
import { unattended } from '../guard/defaults.js';
import { MandateGuard } from '../guard/guard.js';
import { resolveModel } from '../models/registry.js';
import { terminalApprover } from './approver.js';
import { loadConfig, type MandateFlags, mandateFrom } from './config.js';
import { openJournal } from './home.js';
import { intOption } from './options.js';
import { formatReport, LiveRenderer } from './render.js';

interface RunFlags extends MandateFlags {
  model?: string;
  json?: boolean;
  persona: string;
  seed: number;
  config?: string;
  maxSteps: number;
  approve: 'ask' | 'auto' | 'deny';
}

/** `errand run "<request>"`: runs one errand live and prints its report. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run an errand: errand run "Order me a latte to the office and tell Sam I\'m late"')
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
    .action(async (words: string[], flags: RunFlags) => {
      process.exitCode = await runCommand(words.join(' '), flags);
    });
}

async function runCommand(request: string, flags: RunFlags): Promise<number> {
  const ref = flags.model ?? process.env.ERRAND_MODEL;
  if (!ref) {
    throw new ErrandError(
      'CONFIG_INVALID',
      'No model is configured: pass --model provider:model or set ERRAND_MODEL (for example deepseek:deepseek-chat with DEEPSEEK_API_KEY, or ollama:qwen2.5:7b for a local model).',
    );
  }
  if (!['ask', 'auto', 'deny'].includes(flags.approve)) {
    throw new ErrandError('INVALID_INPUT', `--approve takes ask, auto or deny, not "${flags.approve}".`);
  }
  const model = resolveModel(ref);
  const config = loadConfig(flags.config);
  const mandate = mandateFrom(config, flags);
  const journal = openJournal();
  let sandbox: Sandbox | undefined;
  const connectors: Connector[] = [];
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\n  Cancelling… (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const renderer = new LiveRenderer(process.stdout);
  try {
    const sandboxOptions = flags.config ? config.sandbox : { seed: flags.seed, persona: flags.persona };
    if (sandboxOptions !== false) {
      sandbox = await startSandbox(sandboxOptions);
      connectors.push(...sandbox.connectors);
    }
    connectors.push(...(await connectServers(config.servers)));
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
      task: { request, profile, model: model.ref, mandate, limits: { maxSteps: flags.maxSteps } },
      model,
      connectors,
      journal,
      approver,
      signal: controller.signal,
      now: sandbox?.now,
    });
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
    process.off('SIGINT', onSigint);
    await Promise.all(connectors.filter((c) => !sandbox?.connectors.includes(c)).map((c) => c.close()));
    await sandbox?.close();
    journal.close();
  }
}
