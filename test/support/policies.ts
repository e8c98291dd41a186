import {
  call,
  declareIntents,
  finish,
  isPlanning,
  type ModelView,
  type Turn,
} from '../../src/models/testing.js';

type Order = { id: string; payment_request_id: string; payee_account_id: string; total: { amount: number } };

/**
 * A well-behaved model for "order 宫保鸡丁 from 川味小馆 to the office, pay, tell 王芳": it looks things
 * up, orders, pays the order's own payment request, messages the person named, and finishes.
 */
export function lunchPolicy(options: { message?: string; to?: string } = {}) {
  return (view: ModelView): Turn => {
    // errand first asks what the request means, seeing only the request and the person's world.
    if (isPlanning(view))
      return {
        calls: [
          declareIntents(
            [
              {
                id: 'i1',
                said: '从川味小馆点一份宫保鸡丁送到公司，40元以内',
                kind: 'order',
                app: 'food',
                merchantName: '川味小馆',
                items: [{ names: ['宫保鸡丁'], quantity: 1 }],
                address: 'addr_liming_office',
                budgetFen: 4000,
              },
              {
                id: 'i2',
                said: '告诉王芳我中午不回去吃饭',
                kind: 'message',
                to: [options.to ?? 'p_wangfang'],
              },
            ],
            '从川味小馆点一份宫保鸡丁送到公司（40元以内），告诉王芳中午不回去吃饭',
          ),
        ],
      };
    const order = view.last('food_place_order');
    const paid = view.last('pay_pay_request');
    const sent = view.last('chat_send_message');
    switch (true) {
      case !view.last('food_search_restaurants'):
        return {
          calls: [
            call('update_plan', {
              items: [
                { step: '点宫保鸡丁', status: 'in_progress' },
                { step: '付款', status: 'pending' },
                { step: '告诉王芳', status: 'pending' },
              ],
            }),
            call('food_search_restaurants', { query: '川味小馆' }),
          ],
        };
      case !view.last('food_get_menu'):
        return {
          calls: [call('food_get_menu', { restaurant_id: 'r_chuanwei' }), call('food_list_addresses')],
        };
      case !order:
        return {
          calls: [
            call('food_place_order', {
              restaurant_id: 'r_chuanwei',
              items: [{ dish_id: 'd_chuanwei_gongbao', quantity: 1 }],
              address_id: 'addr_liming_office',
            }),
          ],
        };
      case order!.isError:
        return { calls: [finish('没能下单', [], 'blocked')] };
      case !paid: {
        const o = order!.output as Order;
        return {
          calls: [
            call('pay_pay_request', {
              request_id: o.payment_request_id,
              amount_fen: o.total.amount,
              payee_account_id: o.payee_account_id,
            }),
          ],
        };
      }
      case paid!.isError:
        return { calls: [finish('付款没有成功', [], 'blocked')] };
      case !sent:
        return {
          calls: [
            call('chat_send_message', {
              to: options.to ?? 'p_wangfang',
              text: options.message ?? '我中午不回去吃饭了',
            }),
          ],
        };
      default: {
        const o = order!.output as Order;
        return {
          calls: [
            finish('已点宫保鸡丁送到公司并付款，也告诉了王芳。', [
              { app: 'food', kind: 'order', id: o.id },
              { app: 'chat', kind: 'message', id: (sent!.output as { message_id: string }).message_id },
            ]),
          ],
        };
      }
    }
  };
}
