/**
 * The console's script, run in the browser. It is written here as one function so it is type-checked
 * and linted with the rest, and served as its own source text (`/console.js`): it must use nothing
 * from outside its own body. Everything it shows from an errand goes in as text, never as markup.
 */
export function consoleClient(): void {
  // Whatever the server sent: the events' own types live on the server, not in this page.
  // biome-ignore lint/suspicious/noExplicitAny: JSON read off the wire, checked where it is used
  type Json = Record<string, any>;
  const byId = (id: string) => document.getElementById(id);
  const el = (tag: string, className = '', text = ''): HTMLElement => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };
  const zhText = (text: string) => /[\u3400-\u9fff]/.test(text);

  const send = async (method: string, url: string, body?: unknown): Promise<Json> => {
    const response = await fetch(url, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (await response.json().catch(() => ({}))) as Json;
    if (!response.ok || data.ok === false) {
      const error = data.error ?? { code: String(response.status), message: response.statusText };
      throw Object.assign(new Error(error.message), { code: error.code });
    }
    return data;
  };

  const yuan = (fen: unknown) => (typeof fen === 'number' ? `¥${(fen / 100).toFixed(2)}` : String(fen ?? ''));

  const shortArgs = (input: unknown, width = 90): string => {
    if (!input || typeof input !== 'object') return String(input ?? '');
    const parts = Object.entries(input as Json).map(([k, v]) => {
      const s = typeof v === 'string' ? `"${v.length > 24 ? `${v.slice(0, 23)}…` : v}"` : JSON.stringify(v);
      return `${k}=${s && s.length > 40 ? `${s.slice(0, 39)}…` : s}`;
    });
    const line = parts.join(' ');
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
  };

  const pick = (data: unknown, fields: string[]): unknown => {
    if (!data || typeof data !== 'object') return undefined;
    const obj = data as Json;
    for (const f of fields) if (obj[f] !== undefined && obj[f] !== null) return obj[f];
    for (const v of Object.values(obj)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const inner = pick(v, fields);
        if (inner !== undefined) return inner;
      }
    }
    return undefined;
  };

  const resultLine = (output: unknown): string => {
    const id = pick(output, ['order_id', 'transaction_id', 'message_id', 'event_id', 'id']);
    const amount = pick(output, ['total', 'paid', 'amount', 'balance']) as Json | undefined;
    const status = pick(output, ['status']);
    return [
      typeof id === 'string' ? id : '',
      typeof status === 'string' ? status : '',
      amount && typeof amount === 'object' && amount.display ? amount.display : '',
    ]
      .filter(Boolean)
      .join(' · ');
  };

  // ---- the new-errand page ----
  const initNew = () => {
    const form = byId('new-errand') as HTMLFormElement | null;
    if (!form) return;
    const request = form.elements.namedItem('request') as HTMLTextAreaElement;
    for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('.examples button'))) {
      button.addEventListener('click', () => {
        request.value = button.dataset.request ?? button.textContent ?? '';
        const persona = form.elements.namedItem('persona') as HTMLSelectElement;
        if (button.dataset.persona) persona.value = button.dataset.persona;
        request.focus();
      });
    }
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const field = (name: string) =>
        (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
      const fen = (name: string) => (field(name) ? Math.round(Number.parseFloat(field(name)) * 100) : null);
      const error = byId('form-error')!;
      error.textContent = '';
      const mandate: Json = {};
      if (fen('budget') !== null) mandate.budgetFen = fen('budget');
      if (fen('approveAbove') !== null) mandate.approval = { paymentsAboveFen: fen('approveAbove') };
      for (const [name, value] of Object.entries({
        budget: fen('budget'),
        approveAbove: fen('approveAbove'),
      }))
        if (value !== null && !(value >= 0)) {
          error.textContent = `${name}: write an amount in yuan, such as 40 or 12.50`;
          return;
        }
      const body: Json = { request: request.value, persona: field('persona'), mandate };
      if (field('model')) body.model = field('model');
      if ((form.elements.namedItem('confirm') as HTMLInputElement | null)?.checked) body.confirm = true;
      const submit = form.querySelector('button[type=submit]') as HTMLButtonElement;
      submit.disabled = true;
      try {
        const started = await send('POST', '/api/errands', body);
        location.assign(started.links.console);
      } catch (err) {
        error.textContent = (err as Error).message;
        submit.disabled = false;
      }
    });
  };

  // ---- the login page ----
  const initLogin = () => {
    const form = byId('login') as HTMLFormElement | null;
    form?.addEventListener('submit', async (event) => {
      event.preventDefault();
      const token = (form.elements.namedItem('token') as HTMLInputElement).value.trim();
      try {
        await send('POST', '/api/session', { token });
        location.assign('/');
      } catch (err) {
        byId('form-error')!.textContent = (err as Error).message;
      }
    });
  };

  // ---- one errand, live ----
  const initErrand = (id: string) => {
    const understood = byId('understood')!;
    const plan = byId('plan')!;
    const steps = byId('steps')!;
    const questions = byId('questions')!;
    const status = byId('status')!;
    const report = byId('report')!;
    const cancel = byId('cancel') as HTMLButtonElement | null;
    const calls = new Map<string, HTMLElement>();
    const cards = new Map<string, HTMLElement>();
    let zh = zhText(document.body.dataset.request ?? '');
    const say = (zhWords: string, enWords: string) => (zh ? zhWords : enWords);

    const setStatus = (text: string, className = '') => {
      status.textContent = text;
      status.className = `badge ${className}`;
    };

    const step = (className: string, text: string, detail = ''): HTMLElement => {
      const li = el('li', className);
      li.append(el('span', 'tool', text));
      if (detail) li.append(el('div', 'small muted', detail));
      steps.append(li);
      return li;
    };

    const onEvent = (e: Json) => {
      switch (e.type) {
        case 'task.started':
          zh = e.task?.profile?.language === 'zh' || zhText(e.task?.request ?? '');
          setStatus(say('进行中', 'running'), 'running');
          break;
        case 'intents.derived':
          understood.replaceChildren(...(e.lines as string[]).map((line) => el('li', '', line)));
          for (const d of e.doubts ?? []) understood.append(el('li', 'muted', `⚠ ${d.doubt}`));
          break;
        case 'intents.confirmed':
          step(
            e.approved ? 'ok' : 'bad',
            e.approved ? say('你确认了', 'You confirmed') : say('你没有确认', 'Not confirmed'),
            e.answer,
          );
          break;
        case 'plan.updated':
          plan.replaceChildren(
            ...(e.plan as Json[]).map((p) =>
              el(
                'li',
                p.status,
                `${p.status === 'done' ? '✓' : p.status === 'in_progress' ? '▸' : '○'} ${p.step}`,
              ),
            ),
          );
          break;
        case 'model.requested':
          setStatus(say(`思考中（第 ${e.step} 步）`, `thinking (step ${e.step})`), 'running thinking');
          break;
        case 'model.responded':
          setStatus(say('进行中', 'running'), 'running');
          if (e.text?.trim()) step('thought', e.text.length > 300 ? `${e.text.slice(0, 299)}…` : e.text);
          break;
        case 'model.failed':
          step('bad', say('模型调用失败', 'Model call failed'), e.error?.message ?? '');
          break;
        case 'action.proposed':
          calls.set(e.callId, step('wait', `${e.tool} ${shortArgs(e.input)}`));
          break;
        case 'action.decided': {
          const li = calls.get(e.callId);
          if (!li) break;
          if (e.decision !== 'allow') {
            li.className = 'bad';
            li.append(el('div', 'small error', `${say('未执行', 'Not done')}: ${e.reason}`));
          } else if (e.by !== 'guard') {
            li.append(el('div', 'small', say('你批准了', 'You approved this')));
          }
          break;
        }
        case 'action.finished': {
          const li = calls.get(e.callId);
          if (!li) break;
          li.className = 'ok';
          li.append(el('div', 'small', `✓ ${resultLine(e.output)}`));
          break;
        }
        case 'action.failed': {
          const li = calls.get(e.callId);
          if (!li) break;
          li.className = 'bad';
          li.append(el('div', 'small error', `✗ ${e.error?.code}: ${e.error?.message}`));
          break;
        }
        case 'content.flagged':
          step(
            'bad',
            say(
              '⚠ 应用内容里有像指令的文字，已忽略',
              '⚠ Text in an app looked like instructions; it was ignored',
            ),
            (e.kinds ?? []).join(', '),
          );
          break;
        case 'question.asked':
          step('', `? ${e.question}`, `→ ${e.answer}`);
          break;
        case 'task.finished':
        case 'task.failed':
        case 'task.cancelled':
        case 'task.interrupted':
          cancel?.remove();
          break;
        default:
          break;
      }
    };

    const detail = (dl: HTMLElement, term: string, value: string) => {
      if (!value) return;
      dl.append(el('dt', '', term), el('dd', '', value));
    };

    const itemsText = (items: unknown): string =>
      Array.isArray(items)
        ? items
            .map((i: Json) =>
              typeof i === 'string'
                ? i
                : `${i.dish_id ?? i.product_id ?? i.variant_id ?? JSON.stringify(i)} ×${i.quantity ?? 1}`,
            )
            .join(', ')
        : items
          ? String(items)
          : '';

    const answer = async (card: HTMLElement, questionId: string, reply: Json) => {
      const buttons = Array.from(card.querySelectorAll('button'));
      for (const b of buttons) b.disabled = true;
      const note = card.querySelector('.answer-error') as HTMLElement;
      note.textContent = '';
      try {
        await send('POST', `/api/errands/${encodeURIComponent(id)}/answers`, { questionId, ...reply });
      } catch (err) {
        note.textContent = (err as Error).message;
        if ((err as { code?: string }).code !== 'CONFLICT') for (const b of buttons) b.disabled = false;
      }
    };

    const onQuestion = (p: Json) => {
      if (cards.has(p.id)) return;
      const q = p.question as Json;
      const qzh = q.lang ? q.lang === 'zh' : zhText(q.text ?? q.reason ?? '');
      const t = (zhWords: string, enWords: string) => (qzh ? zhWords : enWords);
      const card = el('div', 'card approval');
      card.dataset.question = p.id;
      if (q.kind === 'approval') {
        const a = q.action as Json;
        const effect = (a.effect ?? {}) as Json;
        const input = (a.input ?? {}) as Json;
        card.append(el('div', 'small muted', t('需要你批准', 'Needs your approval')));
        card.append(el('h3', '', q.text ?? `${a.app}.${a.tool}`));
        const dl = el('dl');
        detail(dl, t('应用', 'App'), `${a.app} · ${a.tool}`);
        if (effect.payee) detail(dl, t('收款方', 'Payee'), String(input[effect.payee] ?? ''));
        if (effect.amount) detail(dl, t('金额', 'Amount'), yuan(input[effect.amount]));
        if (effect.recipients) detail(dl, t('收件人', 'To'), [input[effect.recipients]].flat().join(', '));
        if (effect.address) detail(dl, t('地址', 'Address'), String(input[effect.address] ?? ''));
        if (effect.items) detail(dl, t('物品', 'Items'), itemsText(input[effect.items]));
        if (typeof input.text === 'string') detail(dl, t('内容', 'Text'), input.text);
        detail(dl, t('原因', 'Why asked'), q.reason ?? '');
        card.append(dl);
        if (q.withinMandate === false)
          card.append(
            el('p', 'error', t('这超出了你请求里说的范围。', 'This goes beyond what your request said.')),
          );
        const actions = el('div', 'actions');
        const yes = el('button', 'approve', t('批准', 'Approve')) as HTMLButtonElement;
        const no = el('button', 'decline', t('拒绝', 'Decline')) as HTMLButtonElement;
        yes.addEventListener('click', () => answer(card, p.id, { approved: true }));
        no.addEventListener('click', () => answer(card, p.id, { approved: false }));
        actions.append(yes, no);
        card.append(actions);
      } else if (q.kind === 'confirm') {
        card.append(el('h3', '', q.text));
        const ul = el('ul');
        for (const line of q.lines ?? []) ul.append(el('li', '', line));
        card.append(ul);
        const actions = el('div', 'actions');
        const yes = el('button', 'approve', t('照这样做', 'Go ahead')) as HTMLButtonElement;
        const no = el('button', 'decline', t('不要', 'No')) as HTMLButtonElement;
        yes.addEventListener('click', () => answer(card, p.id, { approved: true }));
        no.addEventListener('click', () => answer(card, p.id, { approved: false }));
        actions.append(yes, no);
        card.append(actions);
      } else {
        card.append(el('h3', '', q.text));
        const input = el('input') as HTMLInputElement;
        input.setAttribute('aria-label', t('你的回答', 'Your answer'));
        const actions = el('div', 'actions');
        const ok = el('button', 'primary', t('回答', 'Answer')) as HTMLButtonElement;
        ok.addEventListener('click', () => answer(card, p.id, { text: input.value }));
        actions.append(ok);
        card.append(input, actions);
      }
      card.append(el('p', 'answer-error error'));
      cards.set(p.id, card);
      questions.append(card);
      card.scrollIntoView({ block: 'nearest' });
    };

    const onAnswered = (n: Json, withdrawn = false) => {
      const card = cards.get(n.id);
      if (!card) return;
      card.classList.add('answered');
      for (const b of Array.from(card.querySelectorAll('button'))) b.remove();
      const a = n.answer as Json | undefined;
      card.append(
        el(
          'p',
          withdrawn ? 'muted' : a?.approved === false ? 'error' : '',
          withdrawn
            ? say('已撤回：差事已取消', 'Withdrawn: the errand was cancelled')
            : a?.approved === true
              ? say('✓ 已批准', '✓ Approved')
              : a?.approved === false
                ? say('✗ 已拒绝', '✗ Declined')
                : `→ ${a?.text ?? ''}`,
        ),
      );
    };

    const renderReport = (view: Json) => {
      const r = view.report as Json;
      const outcome = r.outcome ?? r.status;
      setStatus(String(outcome), String(outcome));
      const box = el('div', 'card');
      const title = el('h2');
      title.append(
        el('span', `badge ${outcome}`, String(outcome)),
        document.createTextNode(` ${say('结果', 'Outcome')}`),
      );
      box.append(title);
      if (r.summary) box.append(el('p', '', r.summary));
      if (r.error) box.append(el('p', 'error', `${r.error.code}: ${r.error.message}`));
      if (view.failure) box.append(el('p', 'error', `${view.failure.code}: ${view.failure.message}`));
      for (const m of r.missing ?? []) box.append(el('p', 'error', `${say('没做到', 'Not done')}: ${m}`));
      for (const u of r.unsupported ?? [])
        box.append(el('p', 'error', `${say('无据', 'Unsupported')}: ${u}`));
      if ((r.receipts ?? []).length) {
        box.append(el('h2', '', say('收据', 'Receipts')));
        const list = el('ul', 'plain receipts');
        for (const x of r.receipts as Json[]) {
          const li = el('li', 'receipt');
          li.append(el('strong', '', [x.tool, x.id, x.amount].filter(Boolean).join(' · ')));
          li.append(el('div', 'what', String(x.what ?? '')));
          list.append(li);
        }
        box.append(list);
      }
      const u = r.usage ?? {};
      const usage = el('div', 'usage');
      for (const text of [
        `tokens ${u.inputTokens ?? 0} in / ${u.outputTokens ?? 0} out${u.reasoningTokens ? ` (${u.reasoningTokens} reasoning)` : ''}`,
        `cost $${Number(u.costUsd ?? 0).toFixed(4)}`,
        `energy ~${Number(u.energyWh ?? 0).toFixed(3)} Wh`,
        `${r.steps ?? 0} steps · ${r.actions ?? 0} actions · asks ${r.asks ?? 0} · denials ${r.denials ?? 0}`,
        `${Math.round(r.durationMs ?? 0)} ms`,
      ])
        usage.append(el('span', '', text));
      box.append(usage);
      const audit = el('button', '', say('检查审计链', 'Check the audit')) as HTMLButtonElement;
      const auditResult = el('p', 'small');
      audit.addEventListener('click', async () => {
        try {
          const check = (await send('GET', `/api/errands/${encodeURIComponent(id)}/audit`)).audit as Json;
          auditResult.textContent = check.ok
            ? `✓ ${say('审计链完好', 'The audit chain checks')} (${check.eventsOf?.[id] ?? '?'} events${check.signed ? ', signed' : ''})`
            : `✗ ${(check.problems as string[]).join('; ')}`;
          auditResult.className = check.ok ? 'small' : 'small error';
        } catch (err) {
          auditResult.textContent = (err as Error).message;
        }
      });
      const actions = el('div', 'actions');
      actions.append(audit);
      box.append(actions, auditResult);
      report.replaceChildren(box);
    };

    cancel?.addEventListener('click', async () => {
      cancel.disabled = true;
      try {
        await send('POST', `/api/errands/${encodeURIComponent(id)}/cancel`, {});
      } catch (err) {
        cancel.disabled = false;
        report.textContent = (err as Error).message;
      }
    });

    const source = new EventSource(`/api/errands/${encodeURIComponent(id)}/events`);
    const data = (event: Event) => JSON.parse((event as MessageEvent).data) as Json;
    source.addEventListener('errand', (event) => onEvent(data(event)));
    source.addEventListener('question', (event) => onQuestion(data(event)));
    source.addEventListener('answered', (event) => onAnswered(data(event)));
    source.addEventListener('withdrawn', (event) => onAnswered(data(event), true));
    source.addEventListener('failed', (event) => {
      const f = data(event);
      step('bad', `${f.code}: ${f.message}`);
    });
    source.addEventListener('end', async () => {
      source.close();
      cancel?.remove();
      try {
        renderReport(await send('GET', `/api/errands/${encodeURIComponent(id)}`));
      } catch (err) {
        report.textContent = (err as Error).message;
      }
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED)
        setStatus(say('连接断开，请刷新页面', 'Connection lost; reload the page'), 'bad');
    });
  };

  const logout = byId('logout');
  logout?.addEventListener('click', async () => {
    await send('DELETE', '/api/session').catch(() => undefined);
    location.assign('/login');
  });

  const page = document.body.dataset.page;
  if (page === 'new') initNew();
  else if (page === 'login') initLogin();
  else if (page === 'errand') initErrand(document.body.dataset.errand ?? '');
}

/** The console's script as served: the function's own source, called once the page is read. */
export function consoleScript(): string {
  // A stand-in for the name-keeping helper some TypeScript runners put into function bodies.
  return `"use strict";var __name=function(f){return f};(${consoleClient.toString()})();\n`;
}
