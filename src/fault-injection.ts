import { appendFileSync } from 'node:fs';

/**
 * Fault injection for crash drills, present in production code on purpose: the crash test and
 * `bench/crash.ts` make a real errand process kill itself (SIGKILL, no clean-up of any kind) at the Nth
 * place where a crash matters — between steps, while the model is thinking, before, inside and after a
 * write. Inert unless `ERRAND_FAULT_SIGKILL_AT` (kill at the Nth point, 1-based) or
 * `ERRAND_FAULT_TRACE` (append each point's name to that file, to count them) is set.
 */
export type FaultPoint =
  | 'step.start'
  | 'model.thinking'
  | 'model.answered'
  | 'write.before'
  | 'write.inside'
  | 'write.sent'
  | 'write.after'
  | 'job.taken';

const killAt = Number(process.env.ERRAND_FAULT_SIGKILL_AT ?? '0');
const trace = process.env.ERRAND_FAULT_TRACE;
const armed = (Number.isInteger(killAt) && killAt > 0) || !!trace;
let seen = 0;

/** Marks a place where a crash matters; under a crash drill the process may die here. */
export function faultPoint(name: FaultPoint): void {
  if (!armed) return;
  seen++;
  if (trace) appendFileSync(trace, `${seen} ${name}\n`);
  if (seen === killAt) process.kill(process.pid, 'SIGKILL');
}
