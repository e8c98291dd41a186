import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The command and arguments that run the errand CLI from source, from any working folder. */
export function cliCommand(args: string[]): { command: string; args: string[] } {
  const entry = fileURLToPath(new URL('./errand-cli.ts', import.meta.url));
  const tsx = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
  return { command: process.execPath, args: ['--import', tsx, entry, ...args] };
}

/** Runs the CLI to completion and returns what it printed. */
export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { command, args: argv } = cliCommand(args);
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      env: { ...process.env, ...options.env },
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
