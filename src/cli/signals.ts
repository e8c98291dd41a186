/**
 * Cancels a running errand on Ctrl-C (SIGINT) and on SIGTERM (a service manager, `kill`, a container
 * stopping): the first signal cancels cleanly — no action starts after it, the one in flight finishes
 * and is journaled, the errand ends as cancelled. A second signal quits at once; the errand is then
 * found interrupted by the next reader. Returns a function that stops listening.
 */
export function cancelOnSignals(
  controller: AbortController,
  stderr: NodeJS.WritableStream = process.stderr,
): () => void {
  const handlers = {
    SIGINT: () => handle('SIGINT', 130, 'Ctrl-C again to quit at once'),
    SIGTERM: () => handle('SIGTERM', 143, 'a second SIGTERM quits at once'),
  };
  const handle = (signal: string, exitCode: number, hint: string) => {
    if (controller.signal.aborted) process.exit(exitCode);
    stderr.write(`\n  Cancelling on ${signal}… (${hint})\n`);
    controller.abort();
  };
  process.on('SIGINT', handlers.SIGINT);
  process.on('SIGTERM', handlers.SIGTERM);
  return () => {
    process.off('SIGINT', handlers.SIGINT);
    process.off('SIGTERM', handlers.SIGTERM);
  };
}
