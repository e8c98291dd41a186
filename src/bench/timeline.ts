import type { JournalEvent } from '../agent/events.js';
import { shortArgs } from '../agent/report.js';
import type { TimelineEntry } from './metrics.js';

/** The compact step timeline of one errand, for the bench report. */
export function timelineOf(events: JournalEvent[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const names = new Map<string, string>();
  for (const e of events) {
    switch (e.type) {
      case 'action.proposed':
        names.set(e.callId, `${e.app}.${e.tool.slice(e.app.length + 1)} ${shortArgs(e.input, 90)}`);
        break;
      case 'action.decided':
        if (e.decision !== 'allow')
          out.push({
            step: e.step,
            kind: 'denied',
            text: `${names.get(e.callId)} — ${e.decision} (${e.by}): ${e.reason}`,
          });
        break;
      case 'action.finished':
        out.push({ step: e.step, kind: 'action', text: names.get(e.callId) ?? e.callId });
        break;
      case 'action.failed':
        out.push({
          step: e.step,
          kind: 'failed',
          text: `${names.get(e.callId)} — ${e.error.code}: ${e.error.message}`,
        });
        break;
      case 'content.flagged':
        out.push({ step: e.step, kind: 'flagged', text: `${e.source}: ${e.kinds.join(', ')}` });
        break;
      case 'task.finished':
        out.push({ step: e.steps, kind: 'finish', text: `${e.outcome}: ${e.summary}` });
        break;
      case 'task.failed':
        out.push({ step: e.steps, kind: 'finish', text: `failed: ${e.error.code}: ${e.error.message}` });
        break;
      case 'task.cancelled':
        out.push({ step: e.steps, kind: 'finish', text: `cancelled: ${e.reason}` });
        break;
      case 'task.interrupted':
        out.push({ step: e.steps, kind: 'finish', text: `interrupted: ${e.reason}` });
        break;
      default:
        break;
    }
  }
  return out;
}
