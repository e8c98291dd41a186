import { describe, expect, it } from 'vitest';
import type { TrustedContext } from './grounding.js';
import { MandateGuard } from './guard.js';
import { type MandateInput, mandateSchema } from './mandate.js';
import type { ActionView } from './types.js';

/** Every decision the guard makes, and the sentence the person reads for it. */
const trusted = (request: string): TrustedContext => ({
  request,
  people: [
    { id: 'p_wangfang', names: ['王芳', 'Wang Fang'] },
    { id: 'p_zhaolei', names: ['赵磊', '磊子'] },
  ],
  addresses: [
    { id: 'addr_office', names: ['公司', 'office'] },
    { id: 'addr_home', names: ['家', 'home'] },
  ],
});
const guard = (request: string, mandate: MandateInput = {}, now = 0) =>
  new MandateGuard(mandateSchema.parse(mandate), trusted(request), () => now);
const transfer = (to: string, amount: number): ActionView => ({
  app: 'pay',
  tool: 'transfer',
  input: { to_account_id: to, amount_fen: amount },
  effect: { kind: 'irreversible', amount: 'amount_fen', payee: 'to_account_id' },
  effectAssumed: false,
});
const message = (to: string): ActionView => ({
  app: 'chat',
  tool: 'send_message',
  input: { to, text: 'hi' },
  effect: { kind: 'write', recipients: 'to' },
  effectAssumed: false,
});

describe('the guard decides, and says why', () => {
  it('allows a transfer to the person named, of the amount stated', () => {
    expect(guard('给王芳转20元').check(transfer('p_wangfang', 2000))).toMatchObject({ decision: 'allow' });
  });

  it('denies a payment past the budget or the cap, in money a person reads', () => {
    expect(guard('给王芳转20元', { budgetFen: 1000 }).check(transfer('p_wangfang', 2000))).toEqual({
      decision: 'deny',
      reason: 'paying ¥20.00 would bring this errand to ¥20.00, past your budget of ¥10.00',
    });
    expect(guard('给王芳转20元', { perPaymentCapFen: 1500 }).check(transfer('p_wangfang', 2000)).reason).toBe(
      '¥20.00 is above your cap of ¥15.00 per payment',
    );
  });

  it('counts what was really paid against the budget', () => {
    const g = guard('给王芳转20元，再转20元', { budgetFen: 3000 });
    g.observe(transfer('p_wangfang', 2000), {
      ok: true,
      data: { amount: { amount: 2000, currency: 'CNY' } },
    });
    expect(g.ledger.spentFen).toBe(2000);
    expect(g.check(transfer('p_wangfang', 2000)).decision).toBe('deny');
  });

  it('asks about someone the request did not name, by name, and outside the mandate', () => {
    const v = guard('给王芳转20元').check(message('p_zhaolei'));
    expect(v).toMatchObject({ decision: 'ask', withinMandate: false });
    expect(v.reason).toBe('赵磊 (p_zhaolei) was not named in your request or allowed');
    expect(guard('x', { recipients: 'list', allow: ['p_tom'] }).check(message('p_wangfang')).reason).toBe(
      '王芳 (p_wangfang) is not on the list you allowed (p_tom)',
    );
  });

  it('asks about an amount nobody stated, even to the right person', () => {
    expect(guard('给王芳转点钱').check(transfer('p_wangfang', 50000)).reason).toMatch(
      /the amount ¥500\.00 is not one you stated/,
    );
  });

  it('lets a payee the mandate allows be paid what it asks, within the budget', () => {
    expect(
      guard('交电费', { allow: ['m_power'], budgetFen: 30000 }).check(transfer('m_power', 21934)).decision,
    ).toBe('allow');
  });

  it('keeps to the apps and the time the person allowed', () => {
    expect(guard('x', { apps: ['food'] }).check(message('p_wangfang'))).toEqual({
      decision: 'deny',
      reason: 'chat is not among the apps you allowed (food)',
    });
    const expired = guard(
      'x',
      { expiresAt: '2026-11-30T10:00:00+08:00' },
      Date.parse('2026-11-30T11:00:00+08:00'),
    );
    expect(expired.check(message('p_wangfang')).reason).toBe(
      'the mandate ended at 2026-11-30T10:00:00+08:00',
    );
  });

  it('asks before a payment above the approval threshold, as something inside the mandate', () => {
    expect(
      guard('给王芳转200元', { approval: { paymentsAboveFen: 10000 } }).check(transfer('p_wangfang', 20000)),
    ).toMatchObject({
      decision: 'ask',
      withinMandate: true,
      reason: '¥200.00 is above ¥100.00, which you asked to approve',
    });
  });

  it('delivers only to the address the request named', () => {
    const order: ActionView = {
      app: 'food',
      tool: 'place_order',
      input: { address_id: 'addr_home' },
      effect: { kind: 'write', address: 'address_id' },
      effectAssumed: false,
    };
    expect(guard('送到公司').check(order).reason).toBe('addr_home is not the address your request named');
    expect(guard('点个外卖').check(order).decision).toBe('allow');
  });

  it('treats an action of unknown effect as irreversible and asks', () => {
    const unknown: ActionView = {
      app: 'files',
      tool: 'delete',
      input: {},
      effect: { kind: 'irreversible' },
      effectAssumed: true,
    };
    expect(guard('x').check(unknown)).toMatchObject({ decision: 'ask', withinMandate: false });
  });

  it('asks about an order line the request did not name, when it names what it wants', () => {
    const items = [
      { id: 'd_gongbao', names: ['宫保鸡丁', 'Kung Pao Chicken'] },
      { id: 'd_dandan', names: ['担担面', 'Dan Dan Noodles'] },
      { id: 'd_latte', names: ['拿铁', 'Latte'] },
    ];
    const order = (ids: string[]): ActionView => ({
      app: 'food',
      tool: 'place_order',
      input: { items: ids.map((dish_id) => ({ dish_id, quantity: 1 })) },
      effect: { kind: 'write', items: 'items' },
      effectAssumed: false,
    });
    const g = (request: string) => new MandateGuard(mandateSchema.parse({}), { ...trusted(request), items });
    expect(g('点一份宫保鸡丁').check(order(['d_gongbao'])).decision).toBe('allow');
    expect(g('点一份宫保鸡丁').check(order(['d_gongbao', 'd_dandan'])).reason).toBe(
      '担担面 (d_dandan) was not in your request',
    );
    expect(g('two lattes please').check(order(['d_latte'])).decision).toBe('allow');
    expect(g('随便点个午饭').check(order(['d_dandan'])).decision).toBe('allow');
  });
});
