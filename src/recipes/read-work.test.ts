import { afterAll, describe, expect, it } from 'vitest';
import { World } from '../world/index.js';
import { planOffline, readAnswer } from './offline.js';

/**
 * The offline reader reads errands in the work apps into the guard's intents: a tracker record by its
 * number, an item by its name, a restock by the cheapest-in-time rule, and the person's answer with
 * the request when the request alone does not say enough.
 */
const liming = World.open({ seed: 1, persona: 'liming' });
const sam = World.open({ seed: 1, persona: 'sam' });
afterAll(() => {
  liming.close();
  sam.close();
});

const strip = (intents: { id: string; said: string }[] | undefined) =>
  intents?.map(({ id: _i, said: _s, ...rest }) => rest);
const alone = (world: World, request: string) => strip(planOffline(request, world).intents?.intents);
const withAnswer = (world: World, request: string, answer: string) =>
  strip(readAnswer(world, { request, question: '?', answer })?.intents);
const review = (pr: string) => [
  { kind: 'update', app: 'tracker', target: pr, about: '', action: 'request_review' },
];

describe('the work reader', () => {
  it('reads "Ask Emily to review PR #203" as a review request in the tracker, not a chat message', () => {
    expect(alone(sam, 'Ask Emily to review PR #203.')).toEqual(review('pr_203'));
    expect(alone(sam, 'Ask Emily to review #201 in the tracker.')).toEqual(review('pr_201'));
    expect(alone(liming, '请 Emily 审一下 #203。')).toEqual(review('pr_203'));
    expect(alone(liming, '请黄婷review一下PR #203')).toEqual(review('pr_203'));
  });

  it('is not sure of a review with no number, until the person names the PR', () => {
    const request = 'Ask Lisa to review one of the open PRs.';
    expect(planOffline(request, sam)).toMatchObject({ kind: 'unsure' });
    expect(alone(sam, request)).toBeUndefined();
    expect(withAnswer(sam, request, '#203, Xu Fei’s refund webhook fix.')).toEqual(review('pr_203'));
    expect(withAnswer(sam, request, "I don't know.")).toBeUndefined();
  });

  it('leaves a sentence with another errand in it unread rather than read half of it', () => {
    expect(alone(sam, 'Get someone to review #201 and book an hour with them.')).toBeUndefined();
    expect(alone(liming, '跟进一下高远的回款：先催款，再在日历上加个跟进。')).toBeUndefined();
    expect(alone(liming, '催一下高远的款。')).toEqual([{ kind: 'message', to: ['p_gaoyuan'] }]);
    // Both halves, or nothing: the receipt is not dropped for the reply beside it.
    expect(alone(liming, '深圳仓的礼盒到了，登记收货；然后回复孙丽的邮件说已经入库了。')).toEqual([
      { kind: 'update', app: 'inventory', target: 'po_seed_box', about: '', action: 'receive_delivery' },
      { kind: 'message', to: ['p_sunli'] },
    ]);
    expect(alone(liming, '深圳仓的礼盒到了，然后回复孙丽的邮件说已经入库了。')).toBeUndefined();
    expect(withAnswer(liming, '帮我把报销批了，再跟刘洋说一声。', '只批刘洋的打车费。')).toEqual([
      { kind: 'pay_bill', payee: 'p_liuyang', requestId: 'exp_seed_1', amountFen: 8600 },
      { kind: 'message', to: ['p_liuyang'] },
    ]);
    expect(alone(sam, 'Close #107 — it was fixed by #209.')).toEqual([
      { kind: 'update', app: 'tracker', target: 'iss_107', about: '', action: 'close_issue' },
    ]);
  });

  it('reads each tracker operation said as its own intent, so assigning #106 does not let it be closed', () => {
    expect(alone(liming, '把#106分给周杰，再在#106下面留言：先别关，看一下上海仓。')).toEqual([
      { kind: 'update', app: 'tracker', target: 'iss_106', about: '', action: 'assign_issue' },
      { kind: 'update', app: 'tracker', target: 'iss_106', about: '', action: 'comment' },
    ]);
  });

  it('reads a clause that holds two apps’ errands as both: the receipt and the invoice beside it', () => {
    expect(alone(liming, '东方包装的礼盒到深圳仓了，登记收货，然后把东方包装这批礼盒的发票付了。')).toEqual([
      { kind: 'pay_bill', payee: 'sup_dongfang', requestId: 'inv_df_1202', amountFen: 300000 },
      { kind: 'update', app: 'inventory', target: 'po_seed_box', about: '', action: 'receive_delivery' },
    ]);
  });

  it('reads which claim to approve from the person’s answer, by colleague and the ledger’s category', () => {
    expect(alone(liming, '把刘洋的报销批了。')).toBeUndefined();
    expect(withAnswer(liming, '把刘洋的报销批了。', '只批打车费那笔，聚餐先放着。')).toEqual([
      { kind: 'pay_bill', payee: 'p_liuyang', requestId: 'exp_seed_1', amountFen: 8600 },
    ]);
    expect(withAnswer(sam, 'Deal with Emily’s expense claim.', 'Reject it.')).toEqual([
      { kind: 'update', app: 'ledger', target: 'exp_seed_6', about: '' },
    ]);
  });

  it('reads a restock from the cheapest supplier once the person gives the date', () => {
    const request = '门窗传感器低于补货点了，按补货量下个单，找最便宜又能按时到的供应商。';
    expect(alone(liming, request)).toBeUndefined();
    expect(withAnswer(liming, request, '12月4日之前要到上海仓。')).toEqual([
      {
        kind: 'restock',
        sku: 'sku_sensor',
        warehouse: 'wh_sh',
        needBy: '2026-12-04',
        supplier: 'cheapest_in_time',
      },
    ]);
    expect(
      withAnswer(
        sam,
        'Restock smart plugs in Shenzhen.',
        'From the cheapest supplier that gets them there by 7 December.',
      ),
    ).toEqual([
      {
        kind: 'restock',
        sku: 'sku_plug',
        warehouse: 'wh_sz',
        needBy: '2026-12-07',
        supplier: 'cheapest_in_time',
      },
    ]);
    // No rule for the supplier: the reader cannot say who is to be paid.
    expect(withAnswer(sam, 'Restock smart plugs in Shenzhen.', 'By 7 December.')).toBeUndefined();
  });

  it('leaves personal errands to the personal reader', () => {
    for (const request of ['帮我在商城买一个智能插座', 'Order a latte to my office', '给妈妈转200块'])
      expect(planOffline(request, request.startsWith('Order') ? sam : liming).understood).not.toMatch(
        /工作应用|work apps/,
      );
  });
});
