import { ErrandError } from '../../../errors.js';
import { appScreens, type Row, type ScreenContext, type ScreenRoute } from '../../screens/kit.js';

const PAGE_SIZE = 6;
const { page, money, esc, field, select, toolForm, when } = appScreens('food', [
  { path: '/food', zh: '首页', en: 'Home' },
  { path: '/food/cart', zh: '购物车', en: 'Cart' },
  { path: '/food/orders', zh: '订单', en: 'Orders' },
  { path: '/food/me', zh: '我的', en: 'Me' },
]);

function home(s: ScreenContext): string {
  const query = s.q('q');
  const pageNo = Math.max(1, Number(s.q('page') ?? 1) || 1);
  const found = s.read<{ restaurants: Row[] }>('food', 'search_restaurants', {
    ...(query ? { query } : {}),
    limit: 40,
  }).restaurants;
  const shown = found.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE);
  const link = (n: number) => s.href(`/food?${query ? `q=${encodeURIComponent(query)}&` : ''}page=${n}`);
  const cards = shown
    .map(
      (r) => `<li class="card"><h2><a href="${esc(s.href(`/food/r/${r.id}`))}">${esc(s.name(r))}</a></h2>
<div class="muted">${esc(s.name(r, 'cuisine'))} · ★${esc(r.rating)} · ${esc(s.name(r, 'area'))}${r.distance_m !== null ? ` · ${(r.distance_m / 1000).toFixed(1)}km` : ''}</div>
<div class="muted">${r.open_now ? s.t('营业中', 'Open') : s.t('休息中', 'Closed')} · ${s.t('配送费', 'Delivery')} ${money(r.delivery_fee)} · ${s.t('起送', 'Min.')} ${money(r.min_order)}</div>
${(r.matched_dishes ?? []).length ? `<div class="muted">${esc(s.t('相关菜品：', 'Dishes: '))}${esc((r.matched_dishes as Row[]).map((d) => s.name(d)).join('、'))}</div>` : ''}</li>`,
    )
    .join('');
  const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  return page(
    s,
    s.t('附近美食', 'Food near you'),
    `<form method="get" role="search" action="${esc(s.href('/food'))}">${field(s.t('搜索餐厅或菜品', 'Search restaurants or dishes'), 'q', { value: query ?? '', type: 'search' })}<button>${s.t('搜索', 'Search')}</button></form>
<ul class="list" aria-label="${esc(s.t('餐厅', 'Restaurants'))}">${cards || `<li class="card">${s.t('没有找到餐厅', 'No restaurants found')}</li>`}</ul>
<nav class="pager" aria-label="${esc(s.t('分页', 'Pages'))}">${pageNo > 1 ? `<a href="${esc(link(pageNo - 1))}">${s.t('上一页', 'Previous')}</a>` : '<span></span>'}<span class="muted">${pageNo} / ${pages}</span>${pageNo < pages ? `<a href="${esc(link(pageNo + 1))}">${s.t('下一页', 'Next page')}</a>` : '<span></span>'}</nav>`,
  );
}

function restaurant(s: ScreenContext): string {
  const id = s.p('id');
  const r = s.read('food', 'get_restaurant', { restaurant_id: id });
  const menu = s.read<{ dishes: Row[] }>('food', 'get_menu', { restaurant_id: id });
  const dishes = menu.dishes
    .map((d) => {
      const name = s.name(d);
      const options = ((d.options ?? []) as Row[])
        .map((g) =>
          select(
            `${name} · ${s.name(g)}`,
            `opt-${d.id}-${g.key}`,
            [
              ...(g.pick === 'one' && g.default ? [] : [['', s.t('不需要', 'None')] as [string, string]]),
              ...(g.choices as Row[]).map((c): [string, string] => [
                c.id,
                `${s.name(c)}${c.surcharge?.amount ? ` +${c.surcharge.display}` : ''}`,
              ]),
            ],
            g.default ?? undefined,
            ` data-option-of="${esc(d.id)}"`,
          ),
        )
        .join('');
      return `<li class="card"><div class="row"><h3>${esc(name)}</h3><span class="price">${money(d.price)}</span></div>
<div class="muted">${esc(d.description)}${d.in_stock ? '' : ` · ${s.t('售罄', 'Sold out')}`}</div>${options}
<div class="row"><span><button type="button" class="icon" data-step="-1" data-dish="${esc(d.id)}" aria-label="${esc(s.t(`减少 ${name}`, `Fewer ${name}`))}">−</button>
<output data-dish="${esc(d.id)}" aria-label="${esc(s.t(`${name} 数量`, `${name} quantity`))}">0</output>
<button type="button" class="icon" data-step="1" data-dish="${esc(d.id)}" aria-label="${esc(s.t(`增加 ${name}`, `More ${name}`))}">+</button></span>
${toolForm('food', 'add_to_cart', `<input type="hidden" name="dish_id" value="${esc(d.id)}"><input type="hidden" name="quantity" value="1" data-type="int"><button class="secondary" aria-label="${esc(s.t(`${name} 加入购物车`, `Add ${name} to cart`))}">🛒</button>`, { done: s.t(`已加入购物车：${name}`, `Added to cart: ${name}`) })}</div></li>`;
    })
    .join('');
  return page(
    s,
    s.name(r),
    `<section class="card" aria-label="${esc(s.t('餐厅信息', 'About'))}"><div class="muted">${esc(s.name(r, 'cuisine'))} · ★${esc(r.rating)} (${esc(r.rating_count)}) · ${esc(r.hours)}</div>
<div class="muted">${esc(s.name(r, 'address'))}</div><div class="muted">${r.open_now ? s.t('营业中', 'Open now') : s.t('休息中', 'Closed now')} · ${s.t('起送', 'Min. order')} ${money(r.min_order)} · ${s.t('配送费', 'Delivery')} ${money(r.delivery_fee)}</div>
${r.notice ? `<p><strong>${s.t('商家公告', 'Notice')}</strong>：${esc(r.notice)}</p>` : ''}<a href="${esc(s.href(`/food/r/${id}/reviews`))}">${s.t('查看评价', 'Reviews')}</a></section>
<h2>${s.t('菜单', 'Menu')}</h2><ul class="list">${dishes}</ul>
<div class="card row"><span>${s.t('已选', 'Picked')} <span id="picked">0</span></span><button type="button" id="checkout" data-href="${esc(s.href(`/food/checkout?r=${encodeURIComponent(id)}`))}" data-empty="${esc(s.t('还没有选菜', 'Pick a dish first'))}">${s.t('去结算', 'Checkout')}</button></div>`,
    '/food',
  );
}

function reviews(s: ScreenContext): string {
  const id = s.p('id');
  const data = s.read<{ reviews: Row[]; restaurant: Row }>('food', 'list_reviews', {
    restaurant_id: id,
    limit: 20,
  });
  return page(
    s,
    s.t(`${s.name(data.restaurant)} 的评价`, `Reviews of ${s.name(data.restaurant)}`),
    `<ul class="list">${data.reviews.map((r) => `<li class="card"><strong>${esc(r.author_name)}</strong> ★${esc(r.rating)}<p>${esc(r.text)}</p><div class="muted">${esc(when(r.created_at))}</div></li>`).join('')}</ul>`,
    `/food/r/${id}`,
  );
}

function checkout(s: ScreenContext): string {
  const rid = s.q('r') ?? '';
  const itemsText = s.q('items');
  let items: Row[] | undefined;
  try {
    items = itemsText ? (JSON.parse(itemsText) as Row[]) : undefined;
  } catch {
    throw new ErrandError(
      'INVALID_INPUT',
      s.t(
        '这个结算链接里的菜品读不出来，请回到菜单重新选。',
        'The dishes in this checkout link cannot be read; pick them again from the menu.',
      ),
    );
  }
  const addressId = s.q('address');
  const couponId = s.q('coupon');
  const addresses = s.read<{ addresses: Row[] }>('food', 'list_addresses').addresses;
  const coupons = s.read<{ coupons: Row[] }>('food', 'list_coupons', { usable_only: true }).coupons;
  const addressSelect = select(
    s.t('送到', 'Deliver to'),
    'address',
    [
      ['', s.t('请选择地址', 'Choose an address')],
      ...addresses.map((a): [string, string] => [a.id, `${a.label} · ${s.name(a, 'address')}`]),
    ],
    addressId,
    ' data-reload="address"',
  );
  const couponSelect = select(
    s.t('优惠券', 'Coupon'),
    'coupon',
    [
      ['', s.t('不使用', 'None')],
      ...coupons
        .filter((c) => !c.restaurant_id || c.restaurant_id === rid)
        .map((c): [string, string] => [c.id, s.name(c)]),
    ],
    couponId,
    ' data-reload="coupon"',
  );
  let body = `<section class="card">${addressSelect}${couponSelect}</section>`;
  if (addressId) {
    const quote = s.read('food', 'quote_order', {
      restaurant_id: rid,
      address_id: addressId,
      ...(items ? { items } : {}),
      ...(couponId ? { coupon_id: couponId } : {}),
    });
    const lines = (quote.items as Row[])
      .map(
        (l) =>
          `<li class="row"><span>${esc(s.name(l))}${(l.options as Row[]).length ? `（${esc((l.options as Row[]).map((o) => s.name(o)).join('/'))}）` : ''} ×${esc(l.quantity)}</span><span>${money(l.line_total)}</span></li>`,
      )
      .join('');
    const hidden = `<input type="hidden" name="restaurant_id" value="${esc(rid)}"><input type="hidden" name="address_id" value="${esc(addressId)}">${items ? `<input type="hidden" name="items" data-type="json" value="${esc(JSON.stringify(items))}">` : ''}${couponId ? `<input type="hidden" name="coupon_id" value="${esc(couponId)}">` : ''}`;
    body += `<section class="card" aria-label="${esc(s.t('订单明细', 'Order summary'))}"><h2>${esc(s.name(quote.restaurant))}</h2><ul class="list">${lines}</ul>
<div class="row"><span>${s.t('打包费', 'Packaging')}</span><span>${money(quote.packaging_fee)}</span></div><div class="row"><span>${s.t('配送费', 'Delivery')}</span><span>${money(quote.delivery_fee)}</span></div>
<div class="row"><span>${s.t('优惠', 'Discount')}</span><span>-${money(quote.discount)}</span></div><div class="row"><strong>${s.t('合计', 'Total')}</strong><span class="price">${money(quote.total)}</span></div></section>
${toolForm('food', 'place_order', `${hidden}${field(s.t('备注', 'Note to the restaurant'), 'note')}<button>${s.t('提交订单', 'Place order')}</button>`, { next: '/ui/food/orders/{id}', confirm: s.t(`确认下单，合计 ${quote.total.display}？`, `Place this order for ${quote.total.display}?`) })}`;
  }
  return page(s, s.t('确认订单', 'Checkout'), body, rid ? `/food/r/${rid}` : '/food');
}

function cart(s: ScreenContext): string {
  const carts = s.read<{ carts: Row[] }>('food', 'view_cart').carts;
  const body = carts
    .map(
      (c) => `<section class="card"><h2>${esc(s.name(c.restaurant))}</h2><ul class="list">${(c.items as Row[])
        .map(
          (
            l,
          ) => `<li class="row"><span>${esc(s.name(l))}${(l.options as Row[]).length ? `（${esc((l.options as Row[]).map((o) => s.name(o)).join('/'))}）` : ''} ×${esc(l.quantity)} · ${money(l.line_total)}</span>
${toolForm('food', 'remove_from_cart', `<input type="hidden" name="cart_item_id" value="${esc(l.cart_item_id)}"><button class="icon" aria-label="${esc(s.t(`删除 ${s.name(l)}`, `Remove ${s.name(l)}`))}">✕</button>`)}</li>`,
        )
        .join(
          '',
        )}</ul><div class="row"><span>${s.t('小计', 'Subtotal')} ${money(c.items_total)}${c.meets_minimum ? '' : ` · ${s.t('未达起送价', 'below minimum')}`}</span>
<a class="button" href="${esc(s.href(`/food/checkout?r=${encodeURIComponent(c.restaurant.id)}&from=cart`))}">${s.t('去结算', 'Checkout')}</a></div></section>`,
    )
    .join('');
  return page(s, s.t('购物车', 'Cart'), body || `<p>${s.t('购物车是空的', 'Your cart is empty')}</p>`);
}

function orders(s: ScreenContext): string {
  const list = s.read<{ orders: Row[] }>('food', 'list_orders', { limit: 20 }).orders;
  return page(
    s,
    s.t('我的订单', 'My orders'),
    `<ul class="list">${list.map((o) => `<li class="card"><a href="${esc(s.href(`/food/orders/${o.id}`))}">${esc(s.name(o.restaurant))} · ${esc(o.id)}</a><div class="muted">${esc(o.status)} · ${money(o.total)} · ${esc(when(o.created_at))}</div></li>`).join('')}</ul>`,
  );
}

function order(s: ScreenContext): string {
  const o = s.read('food', 'get_order', { order_id: s.p('id') });
  const lines = (o.items as Row[])
    .map(
      (l) =>
        `<li class="row"><span>${esc(s.name(l))} ×${esc(l.quantity)}</span><span>${money(l.line_total)}</span></li>`,
    )
    .join('');
  const pay =
    o.payment_request_id && o.payment_status === 'open'
      ? `<a class="button" href="${esc(s.href(`/pay/requests/${o.payment_request_id}`))}">${s.t('去支付', 'Pay now')} ${money(o.total)}</a>`
      : '';
  return page(
    s,
    s.t(`订单 ${o.id}`, `Order ${o.id}`),
    `<section class="card"><h2>${esc(s.name(o.restaurant))}</h2><div class="muted">${s.t('状态', 'Status')}：${esc(o.status)} · ${s.t('支付', 'Payment')}：${esc(o.payment_status)}</div>
<ul class="list">${lines}</ul><div class="row"><strong>${s.t('合计', 'Total')}</strong><span class="price">${money(o.total)}</span></div>
<div class="muted">${s.t('送到', 'To')}：${esc(o.address?.label)} ${esc(s.name(o.address ?? {}, 'address'))}</div><p class="muted">${esc(o.next_step)}</p>${pay}</section>
<details class="card"><summary>${s.t('取消订单', 'Cancel order')}</summary>${toolForm('food', 'cancel_order', `<input type="hidden" name="order_id" value="${esc(o.id)}">${field(s.t('取消原因', 'Reason'), 'reason')}<button>${s.t('取消订单', 'Cancel order')}</button>`, { confirm: s.t('确定取消这个订单？', 'Cancel this order?'), done: s.t('订单已取消', 'Order cancelled') })}</details>
<details class="card"><summary>${s.t('写评价', 'Write a review')}</summary>${toolForm(
      'food',
      'write_review',
      `<input type="hidden" name="order_id" value="${esc(o.id)}">${select(
        s.t('评分', 'Rating'),
        'rating',
        ['5', '4', '3', '2', '1'].map((n) => [n, `★${n}`]),
        '5',
        ' data-type="int"',
      )}<label for="rv-text">${s.t('评价内容', 'Review')}</label><textarea id="rv-text" name="text" required></textarea><button>${s.t('发表评价', 'Post review')}</button>`,
      { done: s.t('评价已发表', 'Review posted') },
    )}</details>`,
    '/food/orders',
  );
}

function me(s: ScreenContext): string {
  const addresses = s.read<{ addresses: Row[] }>('food', 'list_addresses').addresses;
  const coupons = s.read<{ coupons: Row[] }>('food', 'list_coupons').coupons;
  return page(
    s,
    s.t('我的', 'Me'),
    `<h2>${s.t('收货地址', 'Addresses')}</h2><ul class="list">${addresses.map((a) => `<li class="card"><strong>${esc(a.label)}</strong> ${esc(a.recipient_name)}<div class="muted">${esc(s.name(a, 'address'))}</div></li>`).join('')}</ul>
<h2>${s.t('优惠券', 'Coupons')}</h2><ul class="list">${coupons.map((c) => `<li class="card">${esc(s.name(c))} <span class="muted">${esc(c.status)} · ${esc(when(c.expires_at))}</span></li>`).join('')}</ul>`,
  );
}

/** The food app's screens: browse, menu, checkout, cart, orders. */
export const foodScreens: ScreenRoute[] = [
  ['/ui/food', home],
  ['/ui/food/r/:id', restaurant],
  ['/ui/food/r/:id/reviews', reviews],
  ['/ui/food/checkout', checkout],
  ['/ui/food/cart', cart],
  ['/ui/food/orders', orders],
  ['/ui/food/orders/:id', order],
  ['/ui/food/me', me],
];
