import { ErrandError } from '../../../errors.js';
import { localDate } from '../../clock.js';
import { appScreens, type Row, type ScreenContext, type ScreenRoute, whoIs } from '../../screens/kit.js';

const { page, money, esc, field, select, toolForm } = appScreens('ledger', [
  { path: '/ledger', zh: '预算', en: 'Budgets' },
  { path: '/ledger/expenses', zh: '报销', en: 'Expenses' },
  { path: '/ledger/invoices', zh: '发票', en: 'Invoices' },
  { path: '/ledger/expenses/new', zh: '提交报销', en: 'Claim' },
]);

const CATEGORIES: [string, string, string][] = [
  ['meal', '餐费', 'Meal'],
  ['client_meal', '招待客户', 'Client meal'],
  ['travel', '差旅', 'Travel'],
  ['supplies', '办公用品', 'Supplies'],
  ['training', '培训', 'Training'],
  ['other', '其他', 'Other'],
];

function centres(s: ScreenContext): Row[] {
  return s.read<{ cost_centres: Row[] }>('ledger', 'list_cost_centres').cost_centres;
}

function budgets(s: ScreenContext): string {
  const month = localDate(s.world.now).slice(0, 7);
  const who = whoIs(s);
  return page(
    s,
    s.t('成本中心与预算', 'Cost centres and budgets'),
    `<ul class="list">${centres(s)
      .map(
        (c) =>
          `<li class="card"><h2>${esc(s.name(c))}</h2><div class="muted">${esc(c.id)} · ${s.t('负责人', 'Owner')} ${esc(who(c.owner_id))} · ${esc(c.period)}</div>
<div>${s.t('预算', 'Budget')} ${money(c.budget)} · ${s.t('已用', 'Spent')} ${money(c.spent)} · <span class="price">${s.t('剩余', 'Left')} ${money(c.remaining)}</span></div>
<a href="${esc(s.href(`/ledger/expenses?centre=${c.id}`))}">${esc(s.t(`${s.name(c)}的报销`, `${s.name(c)} claims`))}</a>
${toolForm(
  'ledger',
  'export_expenses',
  `<input type="hidden" name="cost_centre_id" value="${esc(c.id)}">${field(s.t(`导出月份（${s.name(c)}）`, `Month to export (${s.name(c)})`), 'period', { value: month, required: true, placeholder: 'YYYY-MM' })}<button class="secondary">${esc(s.t(`导出${s.name(c)}报销 CSV`, `Export ${s.name(c)} CSV`))}</button>`,
  { done: s.t('已导出', 'Exported'), show: `csv-${c.id}` },
)}<pre id="csv-${esc(c.id)}" data-field="csv" aria-label="${esc(s.t(`${s.name(c)}导出的 CSV`, `${s.name(c)} export CSV`))}"></pre></li>`,
      )
      .join('')}</ul>`,
  );
}

const STATUSES = ['submitted', 'approved', 'rejected', 'all'] as const;

function statusText(s: ScreenContext, status: string): string {
  const t: Record<string, [string, string]> = {
    submitted: ['待审批', 'Waiting for approval'],
    approved: ['已批准', 'Approved'],
    rejected: ['已驳回', 'Rejected'],
    all: ['全部', 'All'],
    open: ['未付', 'Open'],
    paid: ['已付', 'Paid'],
  };
  const pair = t[status];
  return pair ? s.t(pair[0], pair[1]) : status;
}

function expenses(s: ScreenContext): string {
  const status = STATUSES.find((x) => x === s.q('status')) ?? 'all';
  const centre = s.q('centre');
  const mine = s.q('mine') === '1';
  const list = s.read<{ expenses: Row[] }>('ledger', 'list_expenses', {
    status,
    ...(centre ? { cost_centre_id: centre } : {}),
    ...(mine ? { mine_only: true } : {}),
  }).expenses;
  const options: [string, string][] = STATUSES.map((x) => [x, statusText(s, x)]);
  const who = whoIs(s);
  return page(
    s,
    s.t('报销', 'Expenses'),
    `<form method="get" class="card" aria-label="${esc(s.t('筛选报销', 'Filter expenses'))}">${select(s.t('状态', 'Status'), 'status', options, status)}
${select(s.t('成本中心', 'Cost centre'), 'centre', [['', s.t('全部', 'All')], ...centres(s).map((c): [string, string] => [c.id, s.name(c)])], centre)}
<label class="check"><input type="checkbox" name="mine" value="1"${mine ? ' checked' : ''}>${s.t('只看我的', 'Mine only')}</label><button>${s.t('筛选', 'Filter')}</button></form>
<ul class="list">${
      list
        .map(
          (e) =>
            `<li class="card"><a href="${esc(s.href(`/ledger/expenses/${e.id}`))}">${esc(e.description)}</a> <span class="price">${money(e.amount)}</span><div class="muted">${esc(who(e.employee_id))} · ${esc(e.cost_centre_id)} · ${esc(e.spent_on)} · ${esc(statusText(s, e.status))}</div></li>`,
        )
        .join('') || `<li class="muted">${s.t('没有报销', 'No claims')}</li>`
    }</ul>`,
  );
}

function expense(s: ScreenContext): string {
  const e = s
    .read<{ expenses: Row[] }>('ledger', 'list_expenses', { status: 'all' })
    .expenses.find((x) => x.id === s.p('id'));
  if (!e) throw new ErrandError('NOT_FOUND', s.t(`没有报销 ${s.p('id')}。`, `No expense ${s.p('id')}.`));
  const claimant = whoIs(s)(e.employee_id);
  const decide =
    e.status === 'submitted'
      ? `${toolForm(
          'ledger',
          'approve_expense',
          `<input type="hidden" name="expense_id" value="${esc(e.id)}"><input type="hidden" name="employee_id" value="${esc(e.employee_id)}"><input type="hidden" name="amount_fen" data-type="int" value="${esc(e.amount.amount)}"><button>${s.t('批准并报销', 'Approve and reimburse')} ${money(e.amount)}</button>`,
          {
            confirm: s.t(
              `批准并向 ${claimant} 报销 ${e.amount.display}？`,
              `Approve and reimburse ${e.amount.display} to ${claimant}?`,
            ),
            done: s.t('已批准', 'Approved'),
          },
        )}${toolForm(
          'ledger',
          'reject_expense',
          `<input type="hidden" name="expense_id" value="${esc(e.id)}">${field(s.t('驳回理由', 'Reason for rejecting'), 'reason', { rows: 2, required: true })}<button class="secondary">${s.t('驳回', 'Reject')}</button>`,
          { done: s.t('已驳回', 'Rejected'), cls: 'card' },
        )}`
      : `<p>${esc(statusText(s, e.status))}${e.note ? ` · ${esc(e.note)}` : ''}</p>`;
  return page(
    s,
    s.t('报销单', 'Expense claim'),
    `<section class="card"><h2>${esc(e.description)}</h2><div class="price" style="font-size:24px">${money(e.amount)}</div>
<div class="muted">${s.t('申请人', 'Claimed by')} ${esc(claimant)} · ${esc(e.cost_centre_id)} · ${esc(e.category)} · ${esc(e.spent_on)}</div><div class="muted">${s.t('凭证', 'Receipt')} ${esc(e.receipt_ref)}</div></section>${decide}`,
    '/ledger/expenses',
  );
}

function claim(s: ScreenContext): string {
  return page(
    s,
    s.t('提交报销', 'File an expense'),
    toolForm(
      'ledger',
      'file_expense',
      `${field(s.t('凭证（订单号）', 'Receipt (order)'), 'receipt_ref', { required: true, placeholder: 'food:ord_…', value: s.q('receipt') ?? '' })}
${select(s.t('成本中心', 'Cost centre'), 'cost_centre_id', [['', s.t('选择成本中心', 'Choose a cost centre')], ...centres(s).map((c): [string, string] => [c.id, s.name(c)])], undefined, ' required')}
${select(
  s.t('类别', 'Category'),
  'category',
  CATEGORIES.map(([v, zh, en]): [string, string] => [v, s.t(zh, en)]),
)}
${field(s.t('说明', 'Description'), 'description', { required: true })}${field(s.t('金额（元）', 'Amount (¥)'), 'amount_fen', { type: 'number', data: 'yuan', required: true })}
<button>${s.t('提交报销', 'Submit claim')}</button>`,
      { done: s.t('报销已提交', 'Claim submitted'), next: '/ui/ledger/expenses?mine=1', cls: 'card' },
    ),
    '/ledger/expenses',
  );
}

const DIRECTIONS = ['all', 'payable', 'receivable'] as const;

function invoices(s: ScreenContext): string {
  const direction = DIRECTIONS.find((x) => x === s.q('direction')) ?? 'all';
  const overdue = s.q('overdue') === '1';
  const status = (['all', 'open', 'paid'] as const).find((x) => x === s.q('status')) ?? 'all';
  const list = s.read<{ invoices: Row[] }>('ledger', 'list_invoices', {
    direction,
    status,
    ...(overdue ? { overdue_only: true } : {}),
  }).invoices;
  return page(
    s,
    s.t('发票', 'Invoices'),
    `<form method="get" class="card" aria-label="${esc(s.t('筛选发票', 'Filter invoices'))}">${select(
      s.t('方向', 'Side'),
      'direction',
      [
        ['all', s.t('全部', 'All')],
        ['payable', s.t('应付（我们付）', 'Payable (we pay)')],
        ['receivable', s.t('应收（客户付）', 'Receivable (clients pay)')],
      ],
      direction,
    )}${select(
      s.t('状态', 'Status'),
      'status',
      (['all', 'open', 'paid'] as const).map((x): [string, string] => [x, statusText(s, x)]),
      status,
    )}<label class="check"><input type="checkbox" name="overdue" value="1"${overdue ? ' checked' : ''}>${s.t('只看逾期', 'Overdue only')}</label><button>${s.t('筛选', 'Filter')}</button></form>
<ul class="list">${
      list
        .map(
          (i) =>
            `<li class="card"><a href="${esc(s.href(`/ledger/invoices/${i.id}`))}">${esc(i.number)} · ${esc(s.name(i, 'party_name'))}</a> <span class="price">${money(i.amount)}</span><div class="muted">${i.direction === 'payable' ? s.t('应付', 'Payable') : s.t('应收', 'Receivable')} · ${s.t('到期', 'Due')} ${esc(i.due_on)} · ${esc(statusText(s, i.status))}${i.overdue ? ` · <strong>${s.t('已逾期', 'Overdue')}</strong>` : ''}</div></li>`,
        )
        .join('') || `<li class="muted">${s.t('没有发票', 'No invoices')}</li>`
    }</ul>`,
  );
}

function invoice(s: ScreenContext): string {
  const i = s.read<{ invoices: Row[] }>('ledger', 'list_invoices').invoices.find((x) => x.id === s.p('id'));
  if (!i) throw new ErrandError('NOT_FOUND', s.t(`没有发票 ${s.p('id')}。`, `No invoice ${s.p('id')}.`));
  const party = s.name(i, 'party_name');
  const act =
    i.status !== 'open'
      ? `<p>${esc(statusText(s, i.status))}</p>`
      : i.direction === 'payable'
        ? toolForm(
            'ledger',
            'pay_invoice',
            `<input type="hidden" name="invoice_id" value="${esc(i.id)}"><input type="hidden" name="vendor_id" value="${esc(i.party_id)}"><input type="hidden" name="amount_fen" data-type="int" value="${esc(i.amount.amount)}"><button>${s.t('付款', 'Pay')} ${money(i.amount)}</button>`,
            {
              confirm: s.t(
                `向 ${party} 支付 ${i.amount.display}（${i.number}）？`,
                `Pay ${i.amount.display} to ${party} (${i.number})?`,
              ),
              done: s.t('已付款', 'Paid'),
            },
          )
        : toolForm(
            'ledger',
            'send_reminder',
            `<input type="hidden" name="invoice_id" value="${esc(i.id)}"><input type="hidden" name="to" value="${esc(i.party_id)}">${field(s.t('催款内容', 'Reminder'), 'text', { rows: 3, required: true })}<button>${s.t('发送催款', 'Send reminder')}</button>`,
            { done: s.t('已发送催款', 'Reminder sent'), cls: 'card' },
          );
  return page(
    s,
    `${s.t('发票', 'Invoice')} ${i.number}`,
    `<section class="card"><div class="muted">${i.direction === 'payable' ? s.t('收款方', 'Payee') : s.t('付款方', 'Payer')}</div><h2>${esc(party)}</h2><div class="muted">${esc(i.party_id)}</div>
<div class="price" style="font-size:24px">${money(i.amount)}</div><p>${esc(i.memo)}</p><div class="muted">${esc(i.cost_centre_id)} · ${s.t('开票', 'Issued')} ${esc(i.issued_on)} · ${s.t('到期', 'Due')} ${esc(i.due_on)}${i.overdue ? ` · ${s.t('已逾期', 'Overdue')}` : ''}</div></section>${act}`,
    '/ledger/invoices',
  );
}

/** The ledger's screens: budgets with exports, expense claims with approval, invoices to pay or chase. */
export const ledgerScreens: ScreenRoute[] = [
  ['/ui/ledger', budgets],
  ['/ui/ledger/expenses', expenses],
  ['/ui/ledger/expenses/new', claim],
  ['/ui/ledger/expenses/:id', expense],
  ['/ui/ledger/invoices', invoices],
  ['/ui/ledger/invoices/:id', invoice],
];
