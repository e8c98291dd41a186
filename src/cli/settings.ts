import type { Sandbox, SandboxOptions } from '../connectors/sandbox.js';
import { ErrandError } from '../errors.js';
import type { Mandate } from '../guard/mandate.js';
import { didYouMean } from '../validation.js';
import { APP_NAMES, PERSONA_IDS } from '../world/index.js';
import type { ErrandConfig } from './config.js';

/** True when the person typed this option (commander's value source is "cli"), not left it to its default. */
export type Given = (option: string) => boolean;

/** Where a setting came from, for error sentences: a flag, or the config file. */
export type Origin = { kind: 'flag' } | { kind: 'config'; file: string };

function conflict(flag: string, value: unknown, file: string, key: string, fileValue: unknown): ErrandError {
  return new ErrandError(
    'CONFIG_INVALID',
    `${flag} ${String(value)} conflicts with the config file ${file}, which sets ${key} to ${JSON.stringify(fileValue)}: drop ${flag}, or change ${key} in the file.`,
  );
}

/**
 * How the sandbox world runs: the config file's sandbox section with --persona and --seed filling what it
 * leaves unset. A flag that says something else than the file is refused, never silently overridden.
 */
export function sandboxFrom(
  config: ErrandConfig,
  file: string | undefined,
  flags: { persona: string; seed: number },
  given: Given,
): SandboxOptions | false {
  if (given('persona') && !PERSONA_IDS.includes(flags.persona)) {
    const guess = didYouMean(flags.persona, PERSONA_IDS);
    throw new ErrandError(
      'INVALID_INPUT',
      `--persona ${flags.persona}: there is no such persona${guess ? ` (did you mean ${guess}?)` : ''}; the sandbox has ${PERSONA_IDS.join(' and ')}.`,
    );
  }
  const sandbox = config.sandbox;
  if (sandbox === false) {
    const typed = ['persona', 'seed'].filter(given);
    if (typed.length && file)
      throw new ErrandError(
        'CONFIG_INVALID',
        `${typed.map((t) => `--${t}`).join(' and ')} ${typed.length > 1 ? 'need' : 'needs'} the sandbox world, but the config file ${file} turns it off ("sandbox": false): drop ${typed.length > 1 ? 'them' : 'it'}, or remove "sandbox": false from the file.`,
      );
    return false;
  }
  if (file && given('persona') && sandbox.persona !== undefined && sandbox.persona !== flags.persona)
    throw conflict('--persona', flags.persona, file, 'sandbox.persona', sandbox.persona);
  if (file && given('seed') && sandbox.seed !== undefined && sandbox.seed !== flags.seed)
    throw conflict('--seed', flags.seed, file, 'sandbox.seed', sandbox.seed);
  return { ...sandbox, persona: sandbox.persona ?? flags.persona, seed: sandbox.seed ?? flags.seed };
}

/** The apps errand can reach with this configuration: the sandbox's (all, or those listed) and the servers. */
export function reachableApps(config: ErrandConfig): string[] {
  const sandbox = config.sandbox === false ? [] : (config.sandbox.apps ?? [...APP_NAMES]);
  return [...sandbox, ...Object.keys(config.servers)];
}

/** Refuses a mandate that names an app errand cannot reach (a typo such as "fod" would allow nothing). */
export function checkApps(apps: Mandate['apps'], reachable: string[], origin: Origin): void {
  for (const app of apps ?? []) {
    if (reachable.includes(app)) continue;
    const guess = didYouMean(app, reachable);
    const why = (APP_NAMES as readonly string[]).includes(app)
      ? 'that sandbox app is not running with this config'
      : `there is no app "${app}"${guess ? ` (did you mean ${guess}?)` : ''}`;
    const words = app.split(/\s+/);
    const example =
      words.length > 1 && words.every((w) => reachable.includes(w))
        ? words.join(',')
        : [...new Set([guess ?? reachable[0], ...reachable])].slice(0, 2).join(',');
    throw new ErrandError(
      'INVALID_INPUT',
      origin.kind === 'flag'
        ? `--allow-app ${app}: ${why}. errand can reach ${reachable.join(', ') || 'no apps'}; name several with commas, e.g. --allow-app ${example}.`
        : `The config file ${origin.file} allows the app "${app}" (mandate.apps), but ${why}. errand can reach ${reachable.join(', ') || 'no apps'}: list some of them, e.g. "apps": ${JSON.stringify(example.split(','))}.`,
    );
  }
}

/** Someone errand may pay or message, by id and the names they go by. */
export interface Party {
  id: string;
  names: string[];
}

/**
 * Refuses `--allow` ids (or the config's mandate.allow) that are none of the persona's contacts, groups
 * or merchant accounts: an id with a typo would allow nobody while the person thinks it allows someone.
 */
export function checkAllowIds(ids: string[], parties: Party[], persona: string, origin: Origin): void {
  for (const id of ids) {
    if (parties.some((p) => p.id === id)) continue;
    const byName = parties.find((p) => p.names.some((n) => n.toLowerCase() === id.toLowerCase()));
    const guess =
      byName ??
      parties.find(
        (p) =>
          p.id ===
          didYouMean(
            id,
            parties.map((q) => q.id),
          ),
      );
    const hint = guess ? ` (did you mean ${guess.id}, ${guess.names[0]}?)` : '';
    const example = (guess ? [guess] : parties.slice(0, 2)).map((p) => p.id);
    throw new ErrandError(
      'INVALID_INPUT',
      origin.kind === 'flag'
        ? `--allow ${id}: no contact, group or merchant account of ${persona} has that id${hint}. --allow takes ids, several with commas, e.g. --allow ${example.join(',')}.`
        : `The config file ${origin.file} allows "${id}" (mandate.allow), but no contact, group or merchant account of ${persona} has that id${hint}. List ids, e.g. "allow": ${JSON.stringify(example)}.`,
    );
  }
}

/**
 * The model call's time limit in ms: --model-timeout, else ERRAND_MODEL_TIMEOUT (seconds), else the
 * config file's, else the local server preset's (a small model on a CPU needs minutes), else the default.
 */
export function modelTimeoutMs(
  flag: number | undefined,
  config: ErrandConfig,
  fallbackS: number,
  env: NodeJS.ProcessEnv = process.env,
  presetS?: number,
): number {
  const fromEnv = env.ERRAND_MODEL_TIMEOUT ? Number(env.ERRAND_MODEL_TIMEOUT) : undefined;
  if (fromEnv !== undefined && !(fromEnv > 0))
    throw new ErrandError(
      'CONFIG_INVALID',
      `ERRAND_MODEL_TIMEOUT is "${env.ERRAND_MODEL_TIMEOUT}"; give a number of seconds, e.g. 300.`,
    );
  return Math.round((flag ?? fromEnv ?? config.model.timeoutSeconds ?? presetS ?? fallbackS) * 1000);
}

/**
 * Everyone errand may be allowed to pay or message in the running sandbox: the persona's contacts and
 * groups (as the guard trusts them) and every merchant account in the wallet.
 */
export function partiesOf(sandbox: Sandbox): Party[] {
  const merchants = sandbox.host.main.db
    .prepare("SELECT id, name_zh, name_en FROM pay_accounts WHERE kind = 'merchant' ORDER BY id")
    .all() as { id: string; name_zh: string; name_en: string }[];
  const { person } = sandbox.trusted('');
  return [
    ...person.contacts,
    ...person.groups,
    ...merchants.map((m) => ({ id: m.id, names: [m.name_zh, m.name_en] })),
  ];
}
