/**
 * What every SQLite file errand shares between processes needs: telling a passing lock from a real
 * failure, and waiting for it to pass without spinning (better-sqlite3's API is synchronous).
 */

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Waits without spinning; for synchronous SQLite code that must wait out another process's lock. */
export function sleepSync(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

/** True for SQLite's "another connection holds the lock" errors, which pass when retried. */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}
