import type { Command } from 'commander';
import { formatWorldTime, PERSONA_IDS, World } from '../world/index.js';
import { homeWorldFile } from './home.js';
import { intOption } from './options.js';
import { join } from 'node:path';

interface ResetFlags {
  seed?: number;
  persona?: string;
  data?: string;
}

/**
 * `errand world reset`: starts a kept world over from its seed (or another), in place — in one
 * transaction, so errands and a world server using it at that moment see the old world or the new.
 */
export function registerWorldReset(world: Command): void {
  world
    .command('reset')
    .description(
      "Start errand's world (or the one in --data) over from its seed: every order, payment and message goes",
    )
    .option('--seed <n>', 'build it from this seed (default: the seed it was built from, else 1)', intOption)
    .option('--persona <id>', `whom it acts for when nobody says: ${PERSONA_IDS.join(' or ')}`)
    .option('--data <dir>', "the folder the world is kept in (default: errand's home)")
    .action((opts: ResetFlags) => {
      const file = opts.data ? join(opts.data, 'world.db') : homeWorldFile();
      const kept = World.open({ file, seed: opts.seed });
      try {
        const fresh = World.open({
          seed: opts.seed ?? kept.seed,
          persona: opts.persona ?? kept.persona.id,
        });
        kept.restore(fresh.snapshot());
        fresh.close();
        process.stdout.write(
          `The world in ${file} starts over: seed ${kept.seed}, persona ${kept.persona.id}, world time ${formatWorldTime(kept.now)}.\n`,
        );
      } finally {
        kept.close();
      }
    });
}
