import { appScreens, type Row, type ScreenContext, type ScreenRoute } from '../../screens/kit.js';

const { page, esc, field, select, toolForm, when } = appScreens('pay', [
  { path: '/pay', zh: '钱包', en: 'Wallet' },
  { path: '/pay/requests', zh: '账单', en: 'Bills' },
  { path: '/pay/transfer', zh: '转账', en: 'Transfer' },
]);

function requestItem(s: ScreenContext, r: Row): string {
  return `<li class="card"><a href="${esc(s.href(`/pay/requests/${r.id}`))}">${esc(s.name(r.merchant))}</a> <span class="price">${esc(r.amount.display)}</span><div class="muted">${esc(r.memo)} · ${esc(r.status)} · ${esc(when(r.created_at))}</div></li>`;
}

function wallet(s: ScreenContext): string {
  const b = s.read('pay', 'get_balance');
  const open = s.read<{ requests: Row[] }>('pay', 'list_payment_requests', { status: 'open' }).requests;
  const txns = s.read<{ transactions: Row[] }>('pay', 'list_transactions', { limit: 10 }).transactions;
  return page(
    s,
    s.t('我的钱包', 'My wallet'),
    `<section class="card" aria-label="${esc(s.t('余额', 'Balance'))}"><div class="muted">${s.t('余额', 'Balance')}</div><div class="price" style="font-size:28px">${esc(b.balance.display)}</div>
<div class="muted">${s.t('今日已付', 'Paid today')} ${esc(b.paid_today.display)}${b.daily_limit ? ` / ${s.t('每日限额', 'daily limit')} ${esc(b.daily_limit.display)}` : ''}</div></section>
<h2>${s.t('待支付', 'To pay')}</h2><ul class="list">${open.map((r) => requestItem(s, r)).join('') || `<li class="muted">${s.t('没有待支付的账单', 'Nothing to pay')}</li>`}</ul>
<h2>${s.t('最近交易', 'Recent transactions')}</h2><ul class="list">${txns.map((t) => `<li class="card row"><span>${esc(t.kind)} · ${esc(s.name(t.counterparty))}<br><span class="muted">${esc(t.memo)} · ${esc(when(t.at))}</span></span><span>${t.direction === 'out' ? '-' : '+'}${esc(t.amount.display)}</span></li>`).join('') || `<li class="muted">${s.t('暂无交易', 'No transactions yet')}</li>`}</ul>`,
  );
}

function requests(s: ScreenContext): string {
  const all = s.read<{ requests: Row[] }>('pay', 'list_payment_requests').requests;
  return page(s, s.t('账单', 'Bills'), `<ul class="list">${all.map((r) => requestItem(s, r)).join('')}</ul>`);
}

function request(s: ScreenContext): string {
  const r = s.read('pay', 'get_payment_request', { request_id: s.p('id') });
  const payee = s.name(r.merchant);
  const form =
    r.status === 'open'
      ? toolForm(
          'pay',
          'pay_request',
          `<input type="hidden" name="request_id" value="${esc(r.id)}"><input type="hidden" name="amount_fen" data-type="int" value="${esc(r.amount.amount)}"><input type="hidden" name="payee_account_id" value="${esc(r.merchant.id)}"><button>${s.t('确认付款', 'Pay')} ${esc(r.amount.display)}</button>`,
          {
            confirm: s.t(`向 ${payee} 付款 ${r.amount.display}？`, `Pay ${r.amount.display} to ${payee}?`),
            done: s.t(`已付款 ${r.amount.display}`, `Paid ${r.amount.display}`),
          },
        )
      : `<p>${s.t('状态', 'Status')}：${esc(r.status)}</p>`;
  return page(
    s,
    s.t('付款', 'Payment'),
    `<section class="card"><div class="muted">${s.t('收款方', 'Payee')}</div><h2>${esc(payee)}</h2><div class="muted">${esc(r.merchant.id)}</div>
<div class="price" style="font-size:26px">${esc(r.amount.display)}</div><p>${esc(r.memo)}</p><div class="muted">${esc(r.reference)} · ${esc(when(r.created_at))}</div></section>${form}`,
    '/pay',
  );
}

function transfer(s: ScreenContext): string {
  const contacts = s.read<{ contacts: Row[] }>('chat', 'list_contacts').contacts;
  const options: [string, string][] = [
    ['', s.t('选择收款人', 'Choose who to pay')],
    ...contacts.map((c): [string, string] => [c.person_id, `${c.nickname}（${s.name(c)}）`]),
  ];
  return page(
    s,
    s.t('转账', 'Transfer'),
    toolForm(
      'pay',
      'transfer',
      `${select(s.t('收款人', 'To'), 'to_account_id', options, s.q('to'), ' required')}${field(s.t('金额（元）', 'Amount (¥)'), 'amount_fen', { type: 'number', data: 'yuan', required: true })}
${field(s.t('备注', 'Note'), 'memo')}<button>${s.t('转账', 'Send money')}</button>`,
      {
        confirm: s.t('确认转账 ¥{amount_fen} 给 {to_account_id}？', 'Send ¥{amount_fen} to {to_account_id}?'),
        done: s.t('转账成功', 'Money sent'),
        next: '/ui/pay',
        cls: 'card',
      },
    ),
    '/pay',
  );
}

/** The wallet's screens: balance, bills, paying one, and transfers. */
export const payScreens: ScreenRoute[] = [
  ['/ui/pay', wallet],
  ['/ui/pay/requests', requests],
  ['/ui/pay/requests/:id', request],
  ['/ui/pay/transfer', transfer],
];
