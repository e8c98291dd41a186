import { createInterface } from 'node:readline/promises';
import { shortArgs } from '../agent/report.js';
import type { Answer, Approver, Question } from '../guard/types.js';

/** Asks the person at the terminal; used when stdin is a terminal and approvals are set to ask. */
export function terminalApprover(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Approver {
  return {
    async ask(question: Question, signal?: AbortSignal): Promise<Answer> {
      const rl = createInterface({ input, output });
      try {
        if (question.kind === 'approval') {
          const a = question.action;
          const zh = /[\u3400-\u9fff]/.test(question.text ?? question.reason);
          const reply = await rl.question(
            `\n  ⚠ ${question.text ?? `${a.app}.${a.tool} ${shortArgs(a.input, 100)}`}\n    ${zh ? '原因' : 'Why'}: ${question.reason}\n    ${zh ? '允许吗？[y/N] ' : 'Allow this? [y/N] '}`,
            { signal },
          );
          const approved = /^y(es)?$|^是|^好|^可以|^行|^同意/i.test(reply.trim());
          return { text: approved ? 'yes' : reply.trim() || 'no', approved, by: 'person' };
        }
        if (question.kind === 'confirm') {
          const zh = /[\u3400-\u9fff]/.test(question.text);
          const reply = await rl.question(
            `\n  ${question.text}\n${question.lines.map((l) => `    • ${l}`).join('\n')}\n    ${zh ? '[y/N] ' : '[y/N] '}`,
            { signal },
          );
          const approved = /^y(es)?$|^是|^好|^可以|^行|^对/i.test(reply.trim());
          return { text: approved ? 'yes' : reply.trim() || 'no', approved, by: 'person' };
        }
        const reply = await rl.question(`\n  ? ${question.text}\n    > `, { signal });
        return { text: reply.trim() || '(no answer)', by: 'person' };
      } finally {
        rl.close();
      }
    },
  };
}
