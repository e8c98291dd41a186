import type { SandboxOptions } from '../connectors/sandbox.js';
import { worldServerUrl } from '../connectors/remote-world.js';
import { ErrandError } from '../errors.js';
import { homeWorldFile, storedWorldToken } from './home.js';

/** Which world an errand acts on, as the person chose it with flags. */
export interface WorldFlags {
  /** A running world server's URL. */
  world?: string;
  /** A new world in memory, forgotten afterwards. */
  freshWorld?: boolean;
}

/** Where the sandbox settings came from, to name in a refusal. */
interface Chosen {
  /** The config file, when there is one. */
  file?: string;
  /** True when the seed was set by a flag or the file, not left to its default. */
  seedTyped: boolean;
  /** True when the persona was set by a flag or the file. */
  personaTyped: boolean;
}

/**
 * The world an errand acts on: errand's own, kept in its home across errands (the default); a file
 * the config names; a new one in memory (`--fresh-world`); or a world server (`--world URL`).
 * Two choices at once are refused rather than one silently winning.
 */
export function chooseWorld(
  sandbox: SandboxOptions,
  flags: WorldFlags,
  chosen: Chosen,
  env: NodeJS.ProcessEnv = process.env,
): SandboxOptions {
  if (flags.world !== undefined && flags.freshWorld)
    throw new ErrandError('INVALID_INPUT', '--world and --fresh-world name two different worlds: give one.');
  const which = flags.world !== undefined ? '--world' : flags.freshWorld ? '--fresh-world' : undefined;
  if (which && sandbox.file)
    throw new ErrandError(
      'CONFIG_INVALID',
      `${which} conflicts with the config file ${chosen.file}, which keeps the world in ${sandbox.file} (sandbox.file): drop one.`,
    );
  if (flags.world !== undefined) {
    if (chosen.seedTyped)
      throw new ErrandError(
        'INVALID_INPUT',
        "A world server's world was built from its own seed: leave out the seed with --world (or give the seed to errand world serve).",
      );
    const { seed: _seed, ...rest } = sandbox;
    return {
      ...rest,
      url: worldServerUrl(flags.world),
      token: env.ERRAND_WORLD_TOKEN || storedWorldToken(env),
      ...(chosen.personaTyped ? {} : { persona: undefined }),
    };
  }
  if (flags.freshWorld || sandbox.file) return sandbox;
  return { ...sandbox, file: homeWorldFile(env) };
}
