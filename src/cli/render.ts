import { describeWrite } from '../agent/interrupted.js';
import type { JournalEvent } from '../agent/events.js';
import { type Report, shortArgs } from '../agent/report.js';

const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function shortResult(output: unknown): string {
  if (output === null || output === undefined) return 'ok';
  if (typeof output !== 'object') return String(output).slice(0, 80);
  const obj = output as Record<string, unknown>;
  const lists = Object.entries(obj).filter(([, v]) => Array.isArray(v));
  if (lists.length === 1 && Object.keys(obj).length <= 2)
    return `${(lists[0]![1] as unknown[]).length} ${lists[0]![0]}`;
  const keys = [
    'id',
    'order_id',
    'status',
    'transaction_id',
    'message_id',
    'event_id',
    'total',
    'paid',
    'amount',
    'balance',
  ];
  const parts = keys
    .filter((k) => obj[k] !== undefined)
    .map((k) => {
      const v = obj[k] as { display?: string } | string | number;
      return `${k}=${typeof v === 'object' && v?.display ? v.display : String(v)}`;
    });
  if (parts.length) return parts.join(' ');
  // Otherwise a person reads what there is, not JSON: "restaurant 港点轩 · 8 dishes", "event evt_0001 年终总结".
  const summary = Object.entries(obj).flatMap(([k, v]) => {
    if (Array.isArray(v)) return [`${v.length} ${k}`];
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const label = [o.id, o.title ?? o.name_zh ?? o.name_en ?? o.name].filter((x) => typeof x === 'string');
      return label.length ? [`${k} ${label.join(' ')}`] : [];
    }
    return [];
  });
  return summary.length ? summary.slice(0, 4).join(' · ') : shortArgs(obj, 80);
}

const SOURCE_EN: Record<string, string> = {
  reader: 'read offline',
  planner: 'by the model, from your request only',
  task: 'from the task',
  person: 'confirmed by you',
};
const SOURCE_ZH: Record<string, string> = {
  reader: '离线读取',
  planner: '模型只看你的请求得出',
  task: '来自任务',
  person: '你已确认',
};

/** Prints an errand's events as a person follows them: plan, steps, questions; a spinner while the model thinks. */
export class LiveRenderer {
  #spinner: NodeJS.Timeout | undefined;
  #frame = 0;
  readonly #calls = new Map<string, { tool: string }>();
  /** Whether the request is in Chinese, once the errand has started. */
  #zh: boolean | undefined;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly live = Boolean(out.isTTY),
  ) {}

  private line(text: string): void {
    this.stopSpinner();
    this.out.write(`${text}\n`);
  }

  private startSpinner(label: string): void {
    if (!this.live || this.#spinner) return;
    this.#spinner = setInterval(() => {
      this.out.write(`\r  ${SPIN[this.#frame++ % SPIN.length]} ${label}`);
    }, 80);
  }

  private stopSpinner(): void {
    if (!this.#spinner) return;
    clearInterval(this.#spinner);
    this.#spinner = undefined;
    this.out.write('\r\x1b[K');
  }

  /** Shows one event. */
  event(e: JournalEvent): void {
    switch (e.type) {
      case 'task.started':
        this.#zh = /[\u3400-\u9fff]/.test(e.task.request);
        this.line(`errand ${e.task.request}`);
        this.line(`  model ${e.task.model} · apps ${[...new Set(e.tools.map((t) => t.app))].join(', ')}`);
        break;
      case 'intents.derived': {
        // The request's language, as the report speaks it: an English request whose dishes have
        // Chinese names still reads "errand understood".
        const zh =
          this.#zh ??
          (e.lines.some((l) => /[\u3400-\u9fff]/.test(l)) || /[\u3400-\u9fff]/.test(e.intents.understood));
        const by = zh ? SOURCE_ZH[e.intents.source] : SOURCE_EN[e.intents.source];
        this.line(zh ? `  errand 理解为（${by}）：` : `  errand understood (${by}):`);
        for (const l of e.lines) this.line(`    • ${l}`);
        if (e.intents.source === 'planner' && e.intents.understood)
          this.line(`    (${e.intents.understood})`);
        for (const d of e.doubts) this.line(`    ⚠ ${zh ? '会先问你' : 'will ask first'}: ${d.doubt}`);
        break;
      }
      case 'intents.confirmed':
        this.line(`    ${e.approved ? '✔' : '✗'} ${e.answer} (${e.by})`);
        break;
      case 'model.requested':
        this.startSpinner(
          `${e.reasoning ? `reasoning (${e.reasoning})` : 'thinking'} (step ${e.step}${e.attempt > 1 ? `, attempt ${e.attempt}` : ''})…`,
        );
        break;
      case 'model.responded':
        this.stopSpinner();
        // That the model reasoned, and for how long: never what it thought.
        if (e.usage.reasoningTokens)
          this.line(
            `  🧠 reasoned ${fmtInt(e.usage.reasoningTokens)} tokens (${(e.latencyMs / 1000).toFixed(1)} s)`,
          );
        // Step 0 is the planner: what it understood is shown with the intents, not as raw JSON.
        if (e.text && e.step > 0) this.line(`  💭 ${e.text.replace(/\s+/g, ' ').slice(0, 160)}`);
        break;
      case 'model.failed':
        this.line(
          `  ! ${e.error.message}${e.retryInMs !== null ? ` — retrying in ${(e.retryInMs / 1000).toFixed(1)} s` : ''}`,
        );
        break;
      case 'model.output_invalid':
        this.line(`  ! the model's reply was unusable (${e.problem.slice(0, 120)}); asking it to fix that`);
        break;
      case 'plan.updated':
        this.line('  plan:');
        for (const item of e.plan)
          this.line(
            `    ${item.status === 'done' ? '☑' : item.status === 'in_progress' ? '▶' : '☐'} ${item.step}`,
          );
        break;
      case 'action.proposed':
        this.#calls.set(e.callId, { tool: `${e.app}.${e.tool.slice(e.app.length + 1)}` });
        this.line(`  → ${e.app}.${e.tool.slice(e.app.length + 1)} ${shortArgs(e.input, 90)}`);
        break;
      case 'action.decided':
        if (e.decision !== 'allow')
          this.line(`    ✋ ${e.decision === 'deny' ? 'denied' : 'needs approval'}: ${e.reason}`);
        else if (e.by !== 'guard') this.line(`    ✔ approved (${e.by})`);
        break;
      case 'action.finished':
        this.line(`    ✓ ${shortResult(e.output)}`);
        break;
      case 'action.failed':
        this.line(`    ✗ ${e.error.code}: ${e.error.message}`);
        break;
      case 'question.asked':
        this.line(`  ? ${e.question}\n    ↳ ${e.answer} (${e.by})`);
        break;
      case 'intents.widened':
        this.line(`    ${this.#zh ? '你补充了：' : 'You added: '}${e.lines.join(this.#zh ? '；' : '; ')}`);
        break;
      case 'content.flagged':
        this.line(`    ⚠ ${e.source} holds instruction-like text (${e.kinds.join(', ')}); treated as data`);
        break;
      case 'warning':
        this.line(`    ⚠ ${e.text}`);
        break;
      case 'context.compacted':
        this.line(`  (compacted ${e.observations} older results to keep the context small)`);
        break;
      case 'task.cancelled':
        this.line(`  ■ cancelled: ${e.reason}`);
        break;
      case 'task.interrupted':
        this.line(`  ■ interrupted: ${e.reason}`);
        break;
      default:
        break;
    }
  }

  /** Stops any spinner. */
  close(): void {
    this.stopSpinner();
  }
}

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

const OUTCOME_MARK: Record<string, string> = {
  done: '✔ done',
  partial: '◐ partial',
  blocked: '■ blocked',
  refused: '■ refused',
};

/** The report as a person reads it at the end of an errand. */
export function formatReport(r: Report): string {
  const zh = /[\u3400-\u9fff]/.test(r.request);
  const head =
    r.status === 'finished'
      ? `${OUTCOME_MARK[r.outcome ?? 'done']} — ${r.summary ?? ''}`
      : r.status === 'failed'
        ? `✗ failed — ${r.error?.message ?? ''} [${r.error?.code ?? ''}]`
        : r.status === 'cancelled'
          ? `■ cancelled — ${r.summary ?? ''}`
          : r.status === 'interrupted'
            ? `■ interrupted — ${r.summary ?? ''} (errand resume ${r.errandId} finishes it)`
            : r.status === 'waiting'
              ? `⏸ waiting — errand resume --all takes it up once what it waits for has happened (errand ${r.errandId})`
              : '… still running';
  const lines = ['', head];
  if (r.claimed && r.claimed !== r.outcome)
    lines.push(
      zh
        ? `  （模型说“${r.claimed}”，但 errand 按实际记录判断为“${r.outcome}”）`
        : `  (the model said "${r.claimed}"; errand judged "${r.outcome}" from what really happened)`,
    );
  for (const a of r.added ?? []) lines.push(`  ${zh ? '你补充了' : 'You added'}: ${a}`);
  for (const m of r.missing) lines.push(`  ${zh ? '没做到' : 'Not done'}: ${m}`);
  for (const u of r.unsupported)
    lines.push(`  ${zh ? '引用了不是这次做的' : 'Cited, but not made by this errand'}: ${u}`);
  for (const w of r.warnings) lines.push(`  ⚠ ${w}`);
  if (r.receipts.length) {
    lines.push('', zh ? '做了什么：' : 'What was done:');
    for (const rc of r.receipts) {
      lines.push(
        `  ${`${rc.app}.${rc.tool.slice(rc.app.length + 1)}`.padEnd(24)} ${(rc.id ?? '').padEnd(10)} ${(rc.amount ?? '').padStart(9)}  ${rc.what}`,
      );
    }
  } else if (r.status !== 'running' && r.unknown.length === 0) {
    lines.push('', zh ? '没有改动任何应用。' : 'Nothing was changed in any app.');
  }
  if (r.unknown.length) {
    lines.push(
      '',
      zh
        ? '已经开始，但 errand 没有收到结果（再做一次之前，先到应用里看看）：'
        : 'Started, but errand never learned the result (check the app before doing it again):',
    );
    for (const w of r.unknown) lines.push(`  ${describeWrite(w)}`);
  }
  if (r.evidence.length)
    lines.push(
      `${zh ? '证据' : 'Evidence'}: ${r.evidence.map((e) => `${e.app} ${e.kind} ${e.id}`).join(', ')}`,
    );
  const u = r.usage;
  lines.push(
    '',
    `${r.steps} steps · ${r.actions} actions (${r.failedActions} failed) · asks ${r.asks} · denials ${r.denials}`,
    `tokens ${fmtInt(u.inputTokens)} in / ${fmtInt(u.outputTokens)} out${u.reasoningTokens ? ` (${fmtInt(u.reasoningTokens)} reasoning)` : ''} · cost $${u.costUsd.toFixed(4)} · energy ~${u.energyWh.toFixed(3)} Wh · ${r.durationMs < 1000 ? `${Math.round(r.durationMs)} ms` : `${(r.durationMs / 1000).toFixed(1)} s`}`,
    `errand id ${r.errandId} (errand show ${r.errandId})`,
  );
  return lines.join('\n');
}

/**
 * Prints an errand's report (as a JSON line with `--json`) and gives the exit code: 0 done, 130
 * cancelled, 1 anything else. `errand run` and `errand resume` end the same way.
 */
export function printReport(r: Report, json: boolean, out: NodeJS.WritableStream = process.stdout): number {
  if (json) out.write(`${JSON.stringify({ type: 'report', ...r })}\n`);
  else out.write(`${formatReport(r)}\n`);
  return r.status === 'finished' && r.outcome === 'done' ? 0 : r.status === 'cancelled' ? 130 : 1;
}
