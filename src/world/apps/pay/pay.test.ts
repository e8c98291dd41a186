import { afterEach, describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import { ok } from '../../../../test/support/world.js';

let world: World;
afterEach(() => world?.close());

describe('pay', () => {
  it('transfers to a contact and keeps the books', () => {
    world = World.open({ seed: 3 });
    const before = ok(world.call('pay', 'get_balance', {})).balance.amount;
    const out = ok(
      world.call('pay', 'transfer', { to_account_id: 'p_wangfang', amount_fen: 2500, idempotency_key: 'a' }),
    );
    expect(out.amount.amount).toBe(2500);
    expect(ok(world.call('pay', 'get_balance', {})).balance.amount).toBe(before - 2500);
    const history = ok(world.call('pay', 'list_transactions', {})).transactions;
    expect(history[0]).toMatchObject({
      kind: 'transfer',
      direction: 'out',
      counterparty: { id: 'p_wangfang' },
    });
  });

  it.each([
    ['a stranger', { to_account_id: 'p_stranger_cs', amount_fen: 100 }, 'FORBIDDEN'],
    ['an unknown account', { to_account_id: 'nobody', amount_fen: 100 }, 'NOT_FOUND'],
    ['more than the balance', { to_account_id: 'p_wangfang', amount_fen: 99_000_000 }, 'INSUFFICIENT_FUNDS'],
    ['a float amount', { to_account_id: 'p_wangfang', amount_fen: 10.5 }, 'INVALID_INPUT'],
    ['a zero amount', { to_account_id: 'p_wangfang', amount_fen: 0 }, 'INVALID_INPUT'],
  ])('refuses a transfer to %s and changes nothing', (_label, input, code) => {
    world = World.open({ seed: 3 });
    const snap = world.snapshot();
    const result = world.call('pay', 'transfer', { ...input, idempotency_key: 'k' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(10);
    }
    expect(world.diff(snap).empty).toBe(true);
  });

  it('enforces the daily limit across transfers', () => {
    world = World.open({ seed: 3 });
    world.db.prepare("UPDATE pay_accounts SET daily_limit = 5000 WHERE id = 'p_liming'").run();
    ok(
      world.call('pay', 'transfer', { to_account_id: 'p_wangfang', amount_fen: 4000, idempotency_key: '1' }),
    );
    const over = world.call('pay', 'transfer', {
      to_account_id: 'p_wangfang',
      amount_fen: 1001,
      idempotency_key: '2',
    });
    expect(over.ok ? 'ok' : over.error.code).toBe('LIMIT_EXCEEDED');
    world.advance(24 * 3600_000);
    ok(
      world.call('pay', 'transfer', { to_account_id: 'p_wangfang', amount_fen: 1001, idempotency_key: '3' }),
    );
  });

  it('does the same write once for a repeated idempotency key', () => {
    world = World.open({ seed: 3 });
    const first = ok(
      world.call('pay', 'transfer', {
        to_account_id: 'p_wangfang',
        amount_fen: 100,
        idempotency_key: 'same',
      }),
    );
    const again = world.call('pay', 'transfer', {
      to_account_id: 'p_wangfang',
      amount_fen: 100,
      idempotency_key: 'same',
    });
    expect(again).toMatchObject({ ok: true, replayed: true, data: first });
    expect(ok(world.call('pay', 'list_transactions', {})).transactions).toHaveLength(1);
    const reused = world.call('pay', 'transfer', {
      to_account_id: 'p_wangfang',
      amount_fen: 200,
      idempotency_key: 'same',
    });
    expect(reused.ok ? 'ok' : reused.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
