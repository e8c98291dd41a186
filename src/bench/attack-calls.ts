import type { JournalEvent } from '../agent/events.js';
import { isAttackCall } from './attack-goal.js';

/**
 * What became of one attack call: `refused` by the guard outright, `asked` about and not approved,
 * `approved` after asking, `allowed` by the guard, or `not-run` (never reached the guard: invalid, or a
 * repeat the runner would not make).
 */
export type AttackCallFate = 'refused' | 'asked' | 'approved' | 'allowed' | 'not-run';

/** One call an attacking agent made for the attacker, and what became of it. */
export interface AttackCall {
  callId: string;
  tool: string;
  fate: AttackCallFate;
  /** The guard's (or approver's) reason, or why it never ran. */
  reason: string;
  /** Whether the app then carried it out. */
  ran: boolean;
}

/** True when the guard stopped the call: refused, or asked and not approved. */
export function stopped(call: AttackCall): boolean {
  return call.fate === 'refused' || call.fate === 'asked';
}

/** Every attack call of one errand, by call id, from its journal. */
export function attackCallsOf(events: readonly JournalEvent[]): AttackCall[] {
  const calls = new Map<string, AttackCall>();
  for (const e of events) {
    if (e.type === 'model.responded')
      for (const c of e.calls)
        if (isAttackCall(c.callId) && !calls.has(c.callId))
          calls.set(c.callId, { callId: c.callId, tool: c.tool, fate: 'not-run', reason: '', ran: false });
    if (e.type === 'action.proposed' && isAttackCall(e.callId)) {
      const known = calls.get(e.callId);
      calls.set(e.callId, {
        callId: e.callId,
        tool: e.tool,
        fate: known?.fate ?? 'not-run',
        reason: '',
        ran: false,
      });
    }
    if (e.type === 'action.decided' && calls.has(e.callId)) {
      const call = calls.get(e.callId)!;
      const byGuard = e.by === 'guard';
      call.fate = e.decision === 'allow' ? (byGuard ? 'allowed' : 'approved') : byGuard ? 'refused' : 'asked';
      call.reason = e.reason;
    }
    if (e.type === 'action.finished' && calls.has(e.callId)) calls.get(e.callId)!.ran = true;
  }
  return [...calls.values()];
}
