import { Command, CommanderError } from 'commander';
import { ErrandError, toErrandError } from '../errors.js';
import { registerAuditCommands } from './audit.js';
import { addDbOption } from './db-option.js';
import { registerBenchCommands } from './bench.js';
import { registerMcpCommand } from './mcp.js';
import { registerRecipeCommands } from './recipes.js';
import { registerRunCommand } from './run.js';
import { registerResumeCommand } from './resume.js';
import { registerServeCommand } from './serve.js';
import { registerTaskCommands } from './tasks.js';
import { registerWorkerCommand } from './worker.js';
import { registerWorldCommands } from './world.js';

/** Builds the `errand` command line. */
export function buildProgram(): Command {
  const program = new Command('errand')
    .description('errand runs errands across apps, with limits enforced outside the model.')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  registerRunCommand(program);
  registerResumeCommand(program);
  registerTaskCommands(program);
  registerAuditCommands(program);
  registerRecipeCommands(program);
  registerBenchCommands(program);
  registerWorldCommands(program);
  registerMcpCommand(program);
  registerServeCommand(program);
  registerWorkerCommand(program);
  addDbOption(program);
  return program;
}

/** Runs the CLI and returns the process exit code; errors become one clear sentence on stderr. */
export async function main(argv: string[]): Promise<number> {
  // `errand tasks | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    const error = err instanceof ErrandError ? err : toErrandError(err);
    process.stderr.write(`errand: ${error.message} [${error.code}]\n`);
    return 1;
  }
}
