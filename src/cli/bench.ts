import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { resolveAgent } from '../bench/agents/index.js';
import { compareRuns, loadRun } from '../bench/compare.js';
import { loadSuite } from '../bench/load.js';
import type { Metrics } from '../bench/metrics.js';
import { renderHtml } from '../bench/report-html.js';
import { type BenchRun, type Progress, runBench } from '../bench/run-suite.js';
import { INTENT_CHOICES, type IntentChoice } from '../bench/trial.js';
import { ErrandError } from '../errors.js';
import type { World } from '../world/index.js';
import { intOption } from './options.js';

interface BenchFlags {
  suite: string;
  agent: string;
  trials: number;
  concurrency: number;
  out: string;
  tasks?: string;
  only?: string;
  pack?: string;
  unguarded?: boolean;
  mode: string;
  headed?: boolean;
  intents: string;
}

function progressBar(p: Progress, live: boolean): string {
  const width = 24;
  const filled = Math.round((p.done / Math.max(p.total, 1)) * width);
  const rate = p.done / Math.max(p.elapsedMs / 1000, 1e-9);
  const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${p.done}/${p.total} trials · ${p.passed} passed · ${rate.toFixed(1)}/s`;
  return live ? `\r${line}` : `${line}\n`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** The suites that ship with errand, found from the package itself so `errand bench` works from any folder. */
export const PACKAGE_TASKS = fileURLToPath(new URL('../../tasks', import.meta.url));

/** The headline of a run, as printed at its end. */
export function headline(run: BenchRun): string {
  const m = run.metrics;
  const lines = [
    `${run.suite} · agent ${run.agent}${run.mode === 'gui' ? ' · on screens (GUI)' : ''}${run.unguarded ? ' · NO GUARD (control)' : ''} · ${m.tasks} tasks × ${run.trialsPerTask} trials`,
    `success ${pct(m.successRate)} · pass^k ${m.passK.map((v, i) => `k=${i + 1} ${pct(v)}`).join(', ')}`,
    `steps ${m.meanSteps.toFixed(1)} · asks ${m.meanAsks.toFixed(2)} · denials ${m.meanDenials.toFixed(2)} per task · collateral damage in ${m.collateralTrials} trials`,
    `tokens ${Math.round(m.usage.inputTokens)} in / ${Math.round(m.usage.outputTokens)} out · cost $${m.usage.costUsd.toFixed(4)} · energy ~${m.usage.energyWh.toFixed(3)} Wh`,
    `wall ${(m.wallMs / 1000).toFixed(2)} s · ${m.trialsPerSecond.toFixed(1)} trials/s`,
  ];
  const inMandate = run.tasks.filter((t) => t.outcome === 'done').length;
  if (inMandate > 0)
    lines.push(
      `asks per in-mandate errand ${m.asksPerInMandateErrand.toFixed(3)} (${inMandate} tasks whose right outcome is done, nothing planted)`,
    );
  if (m.meanQuestions > 0)
    lines.push(
      `questions to the person ${m.meanQuestions.toFixed(2)} per task · ${pct(m.answeredShare)} of them answered`,
    );
  const breakdown = (name: string, groups: Metrics['byApp']) => {
    const keys = Object.keys(groups).sort();
    if (keys.length === 0) return;
    lines.push(
      `by ${name}: ${keys.map((k) => `${k} ${groups[k]!.passed}/${groups[k]!.trials}`).join(' · ')}`,
    );
  };
  breakdown('app', m.byApp);
  breakdown('pack', m.byPack);
  const i = m.intents;
  lines.push(
    `intents from: reader ${i.reader} · task file ${i.task} · planner ${i.planner} · none ${i.none} trials; reader and task file agree in substance in ${i.agreed} of ${i.compared}`,
  );
  if (m.attacks) {
    const a = m.attacks;
    lines.push(
      `attacks: attack success ${pct(a.attackSuccessRate)} (${a.cases} cases) · utility under attack ${pct(a.utilityUnderAttack)} vs benign ${pct(a.benignUtility)} · asks per errand ${a.asksPerErrand.toFixed(2)}`,
      `attack calls: ${a.attackCalls} made in ${a.attempted} of ${a.cases} errands · stopped ${a.refused + a.asked} (refused ${a.refused}, asked ${a.asked}) · went through ${a.allowed} · never reached the guard ${a.notRun}`,
    );
  }
  return lines.join('\n');
}

/** `errand bench` and `errand bench compare`. */
export function registerBenchCommands(program: Command): void {
  const bench = program
    .command('bench')
    .description('Score errand on task suites checked in the apps’ own state')
    .option(
      '--suite <name>',
      'the suite: a folder of task files under --tasks (core = personal + work, attacks; work and personal are parts of core)',
      'core',
    )
    .option(
      '--agent <name>',
      'oracle, hijacked, gullible, random, recipes, or a model such as deepseek:deepseek-chat (with --unguarded: no guard, the control)',
      'oracle',
    )
    .option('--trials <k>', 'trials per task (for pass^k)', intOption, 1)
    .option('--concurrency <c>', 'trials at once', intOption, 2)
    .option('--out <dir>', 'where results go', 'bench-results')
    .option('--tasks <dir>', 'the folder of suites (default: the ones errand ships)')
    .option('--only <text>', 'only tasks whose id contains this')
    .option('--pack <name>', 'only one task pack: personal, supply-chain, finance, development, mixed')
    .option(
      '--unguarded',
      'the control: run with no guard at all (every write allowed), to show what the attacks would do',
    )
    .option('--mode <mode>', "api (the apps' tools) or gui (their screens, in Chromium)", 'api')
    .option('--headed', 'GUI mode: show the browser')
    .option(
      '--intents <from>',
      "agents without a model: auto (the reader when sure, else the task file), task (the task file only), or answers (the reader only, from the request and the person's answers; never the task file)",
      'auto',
    )
    .action(async (flags: BenchFlags) => {
      if (!INTENT_CHOICES.includes(flags.intents as IntentChoice))
        throw new ErrandError(
          'INVALID_INPUT',
          `--intents is ${INTENT_CHOICES.join(', ')}, not "${flags.intents}".`,
        );
      if (flags.trials < 1 || flags.concurrency < 1)
        throw new ErrandError('INVALID_INPUT', '--trials and --concurrency must be at least 1.');
      if (flags.mode !== 'api' && flags.mode !== 'gui')
        throw new ErrandError('INVALID_INPUT', `--mode is api or gui, not "${flags.mode}".`);
      const agent = resolveAgent(flags.agent, flags.mode);
      const suite = loadSuite(flags.tasks ? resolve(flags.tasks) : PACKAGE_TASKS, flags.suite);
      const packs = [...new Set(suite.flatMap((t) => (t.tags.pack ? [t.tags.pack] : [])))].sort();
      if (flags.pack && !packs.includes(flags.pack))
        throw new ErrandError(
          'NOT_FOUND',
          `No pack "${flags.pack}" in ${flags.suite}: its packs are ${packs.join(', ') || 'none'}.`,
        );
      const tasks = suite.filter(
        (t) => (!flags.only || t.id.includes(flags.only)) && (!flags.pack || t.tags.pack === flags.pack),
      );
      if (tasks.length === 0)
        throw new ErrandError(
          'NOT_FOUND',
          `No tasks in ${flags.suite}${flags.only ? ` matching "${flags.only}"` : ''}.`,
        );
      mkdirSync(flags.out, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
      const base = join(
        flags.out,
        `${flags.suite}${flags.pack ? `-${flags.pack}` : ''}-${flags.agent.replace(/[^\w.-]+/g, '_')}${flags.mode === 'gui' ? '-gui' : ''}${flags.unguarded ? '-unguarded' : ''}-${stamp}`,
      );
      const live = Boolean(process.stderr.isTTY);
      let lastTenth = -1;
      // Loaded only for GUI mode: playwright-core takes a second or more to load on a busy machine.
      const gui = flags.mode === 'gui' ? await import('../connectors/browser/index.js') : undefined;
      const browser = gui ? await gui.launchBrowser({ headed: flags.headed }) : undefined;
      const run = await runBench({
        ...(browser
          ? {
              screens: async (world: World, apps?: readonly string[]) => {
                const on = await gui!.openWorldScreens(world, browser, { apps });
                return { connectors: [on.connector], close: on.close };
              },
            }
          : {}),
        suite: `${flags.suite}${flags.pack ? `/${flags.pack}` : ''}`,
        tasks,
        ...(flags.unguarded ? { unguarded: true } : {}),
        agentName: flags.agent,
        agent,
        trials: flags.trials,
        concurrency: flags.concurrency,
        journalFile: `${base}.db`,
        intents: flags.intents as IntentChoice,
        onProgress: (p) => {
          const tenth = Math.floor((p.done / p.total) * 10);
          if (live || tenth !== lastTenth) process.stderr.write(progressBar(p, live));
          lastTenth = tenth;
        },
      });
      await browser?.close();
      if (live) process.stderr.write('\n');
      writeFileSync(`${base}.json`, `${JSON.stringify(run, null, 2)}\n`);
      writeFileSync(`${base}.html`, renderHtml(run));
      process.stdout.write(
        `${headline(run)}\nresults ${base}.json\nreport  ${base}.html\njournal ${base}.db\n`,
      );
      const through = run.trials.flatMap((t) =>
        t.attackCalls
          .filter((c) => c.fate === 'allowed' || c.fate === 'approved')
          .map(
            (c) =>
              `  ${t.task} #${t.trial} ${c.callId} ${c.tool}: ${c.fate}${c.ran ? ' and ran' : ''} — ${c.reason}`,
          ),
      );
      if (through.length)
        process.stdout.write(`attack calls the guard let through:\n${through.slice(0, 30).join('\n')}\n`);
      const won = run.trials.filter((t) => t.attackSucceeded);
      if (won.length)
        process.stdout.write(
          `attacks that succeeded: ${won.map((t) => `${t.task} #${t.trial}`).join(', ')}\n`,
        );
      const failed = run.trials.filter((t) => !t.pass && t.variant !== 'benign');
      if (failed.length) {
        process.stdout.write(
          `failed trials:\n${failed
            .slice(0, 20)
            .map(
              (t) =>
                `  ${t.task} #${t.trial}: ${[...t.failures, ...t.collateral.map((c) => `collateral: ${c}`)].join('; ') || t.error || t.outcome}`,
            )
            .join('\n')}\n`,
        );
      }
    });

  bench
    .command('compare')
    .description('Show what got better and worse between two runs')
    .argument('<a>', 'the earlier results JSON')
    .argument('<b>', 'the later results JSON')
    .action((a: string, b: string) => {
      process.stdout.write(`${compareRuns(loadRun(a), loadRun(b))}\n`);
    });
}
