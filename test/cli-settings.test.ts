import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { presetTimeoutS } from '../src/models/registry.js';
import { modelTimeoutMs } from '../src/cli/settings.js';
import { runCli } from './support/cli.js';

/**
 * What a person types and what errand makes of it: config files checked strictly, flags that conflict
 * with the file refused, apps, personas and ids checked, list flags that cannot swallow the request.
 * Every refusal must leave nothing done: no errand in the journal.
 */
let home: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'errand-settings-'));
  env = { ERRAND_HOME: home, HOME: home, ERRAND_MODEL: '' };
});

function config(name: string, body: unknown): string {
  const file = join(home, name);
  writeFileSync(file, JSON.stringify(body));
  return file;
}

async function errandsRun(): Promise<string> {
  return (await runCli(['tasks'], { env })).stdout;
}

describe('config files', () => {
  it('refuses a misspelt mandate key, naming its path, instead of paying with no limit', async () => {
    const file = config('typo.json', { mandate: { budget_fen: 1000 } });
    const run = await runCli(['run', '--config', file, '给王芳转20元'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('mandate.budget_fen: unknown key (did you mean mandate.budgetFen?)');
    expect(run.stdout).not.toContain('pay.transfer');
    expect(await errandsRun()).not.toContain('给王芳转20元');
  });

  it('refuses a misspelt top-level key and keys errand does not know anywhere in the file', async () => {
    const file = config('mandat.json', {
      mandat: { budgetFen: 1000 },
      sandbox: { sed: 2 },
      servers: { notes: { url: 'http://127.0.0.1:1/mcp', header: {} } },
    });
    const run = await runCli(['run', '--config', file, '给王芳转20元'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('mandat: unknown key (did you mean mandate?)');
    expect(run.stderr).toContain('sandbox.sed: unknown key (did you mean sandbox.seed?)');
    expect(run.stderr).toContain('servers.notes.header: unknown key (did you mean servers.notes.headers?)');
    expect(run.stderr).toContain('[CONFIG_INVALID]');
    expect(await errandsRun()).not.toContain('给王芳转20元');
  });

  it('refuses --persona when the config file sets another persona, and uses it when the file does not', async () => {
    const pinned = config('pinned.json', { sandbox: { seed: 1, persona: 'liming' }, mandate: {} });
    const clash = await runCli(['run', '--config', pinned, '--persona', 'sam', 'Send Mum 50 yuan'], { env });
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(
      `--persona sam conflicts with the config file ${pinned}, which sets sandbox.persona to "liming"`,
    );
    expect(await errandsRun()).not.toContain('Send Mum');

    const open = config('open.json', { mandate: { budgetFen: 10000 } });
    const sam = await runCli(['run', '--config', open, '--persona', 'sam', 'Send Anna 50 yuan'], { env });
    expect(sam.code).toBe(0);
    expect(sam.stdout).toContain('pay.transfer to_account_id="p_anna" amount_fen=5000');
  });

  it('refuses --seed against the file’s seed, and --persona when the file turns the sandbox off', async () => {
    const seeded = config('seeded.json', { sandbox: { seed: 3 } });
    const seed = await runCli(['run', '--config', seeded, '--seed', '4', '给王芳转20元'], { env });
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain('--seed 4 conflicts with the config file');
    const off = config('off.json', { sandbox: false });
    const persona = await runCli(['run', '--config', off, '--persona', 'sam', 'hi'], { env });
    expect(persona.code).toBe(1);
    expect(persona.stderr).toContain('--persona needs the sandbox world, but the config file');
  });
});

describe('apps, personas and ids', () => {
  it('refuses an app that does not exist, with a did-you-mean and the comma form', async () => {
    const run = await runCli(['run', '--allow-app', 'fod', '给王芳转20元'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--allow-app fod: there is no app "fod" (did you mean food?)');
    expect(run.stderr).toMatch(/name several with commas, e\.g\. --allow-app food,\w+/);
    const file = config('apps.json', { sandbox: { apps: ['food', 'pay'] }, mandate: { apps: ['chat'] } });
    const off = await runCli(['run', '--config', file, '给王芳转20元'], { env });
    expect(off.stderr).toContain('allows the app "chat" (mandate.apps), but that sandbox app is not running');
    expect(await errandsRun()).not.toContain('给王芳转20元');
  });

  it('takes comma-separated apps and repeats, and the request after them stays whole', async () => {
    const run = await runCli(
      ['run', '--json', '--allow-app', 'food,pay', '--allow-app', 'chat', '给王芳转20元'],
      { env },
    );
    expect(run.code).toBe(0);
    const started = JSON.parse(run.stdout.split('\n')[0]!);
    expect(started.task.request).toBe('给王芳转20元');
    expect(started.task.mandate.apps).toEqual(['food', 'pay', 'chat']);
  });

  it('shows the right form when apps are written with spaces, instead of eating the request', async () => {
    const run = await runCli(['run', '--allow-app', 'food', 'pay', 'chat', '给王芳转20元'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Write --allow-app food,pay,chat "<request>"');
    const quoted = await runCli(['run', '--allow-app', 'food pay', '给王芳转20元'], { env });
    expect(quoted.stderr).toContain('e.g. --allow-app food,pay');
  });

  it('refuses an unknown persona, and --allow ids none of the persona’s contacts or accounts have', async () => {
    const persona = await runCli(['run', '--persona', 'Sam', '给王芳转20元'], { env });
    expect(persona.code).toBe(1);
    expect(persona.stderr).toContain('--persona Sam: there is no such persona (did you mean sam?)');
    const typo = await runCli(['run', '--allow', 'p_wangfan', '给王芳转20元'], { env });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain(
      '--allow p_wangfan: no contact, group or merchant account of liming has that id (did you mean p_wangfang, 王芳?)',
    );
    const name = await runCli(['run', '--allow', '王芳', '给王芳转20元'], { env });
    expect(name.stderr).toContain('(did you mean p_wangfang, 王芳?)');
    const file = config('allow.json', { mandate: { allow: ['p_nobody'] } });
    const fromFile = await runCli(['run', '--config', file, '给王芳转20元'], { env });
    expect(fromFile.stderr).toContain('allows "p_nobody" (mandate.allow), but no contact');
    expect(await errandsRun()).not.toContain('给王芳转20元');
    const ok = await runCli(['run', '--allow', 'p_wangfang,m_power', '给王芳转20元'], { env });
    expect(ok.code).toBe(0);
  });
});

describe('the request', () => {
  it('comes from a file, from stdin with "-", or piped in with no words', async () => {
    const file = join(home, 'request.txt');
    writeFileSync(file, '给王芳转20元\n');
    const fromFile = await runCli(['run', '--request-file', file], { env });
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toContain('errand 给王芳转20元');
    const dash = await runCli(['run', '-'], { env, input: '给王芳转30元' });
    expect(dash.stdout).toContain('pay.transfer to_account_id="p_wangfang" amount_fen=3000');
    const piped = await runCli(['run', '--budget', '50'], { env, input: '给王芳转40元\n' });
    expect(piped.stdout).toContain('pay.transfer to_account_id="p_wangfang" amount_fen=4000');
  });

  it('is refused when empty, or given twice', async () => {
    const empty = await runCli(['run'], { env, input: '  \n' });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('The request from standard input is empty');
    const blank = join(home, 'blank.txt');
    writeFileSync(blank, '');
    const fromFile = await runCli(['run', '--request-file', blank], { env });
    expect(fromFile.stderr).toContain(`The request from the file ${blank} is empty`);
    const twice = await runCli(['run', '--request-file', blank, '给王芳转20元'], { env });
    expect(twice.stderr).toContain('Give the request once');
    expect(await errandsRun()).toContain('No errands yet');
  });
});

describe('model call time limit', () => {
  const config = { model: {} } as unknown as Parameters<typeof modelTimeoutMs>[1];
  it('takes the flag, then ERRAND_MODEL_TIMEOUT, then the file, then the local preset, then the default', () => {
    expect(modelTimeoutMs(10, config, 90, { ERRAND_MODEL_TIMEOUT: '20' }, 300)).toBe(10_000);
    expect(modelTimeoutMs(undefined, config, 90, { ERRAND_MODEL_TIMEOUT: '20' }, 300)).toBe(20_000);
    expect(modelTimeoutMs(undefined, { model: { timeoutSeconds: 45 } } as never, 90, {}, 300)).toBe(45_000);
    expect(modelTimeoutMs(undefined, config, 90, {}, presetTimeoutS('llamacpp'))).toBe(300_000);
    expect(modelTimeoutMs(undefined, config, 90, {}, presetTimeoutS('deepseek'))).toBe(90_000);
    expect(() => modelTimeoutMs(undefined, config, 90, { ERRAND_MODEL_TIMEOUT: 'soon' })).toThrow(
      /ERRAND_MODEL_TIMEOUT is "soon"/,
    );
  });
});
