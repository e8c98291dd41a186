import { appScreens, type Row, type ScreenContext, type ScreenRoute } from '../../screens/kit.js';

const { page, money, esc, field, select, toolForm, when } = appScreens('shop', [
  { path: '/shop', zh: '首页', en: 'Home' },
  { path: '/shop/cart', zh: '购物车', en: 'Cart' },
  { path: '/shop/orders', zh: '订单', en: 'Orders' },
]);
const BATCH = 6;

function searchInput(s: ScreenContext): Record<string, unknown> {
  const query = s.q('q');
  const category = s.q('category');
  return { ...(query ? { query } : {}), ...(category ? { category } : {}) };
}

function productItems(s: ScreenContext, offset: number): string {
  const input = searchInput(s);
  const found = s.read<{ products: Row[] }>('shop', 'search_products', { ...input, limit: 50 }).products;
  const items = found
    .slice(offset, offset + BATCH)
    .map(
      (p) =>
        `<li class="card"><a href="${esc(s.href(`/shop/p/${p.id}`))}">${esc(s.name(p))}</a> <span class="price">${money(p.price)}</span><div class="muted">${esc(p.brand)} · ★${esc(p.rating)} · ${p.in_stock ? s.t('有货', 'In stock') : s.t('缺货', 'Out of stock')}</div></li>`,
    )
    .join('');
  const more = offset + BATCH < found.length;
  const params = new URLSearchParams(
    Object.entries(input).map(([k, v]) => [k === 'query' ? 'q' : k, String(v)]),
  );
  params.set('offset', String(offset + BATCH));
  return `${items}${more ? `<li hidden data-next-page="${esc(s.href(`/shop/more?${params}`))}"></li>` : '<li hidden data-next-page=""></li>'}`;
}

function home(s: ScreenContext): string {
  const categories = [
    'electronics',
    'home',
    'books',
    'food_drink',
    'beauty',
    'sports',
    'clothing',
    'gifts',
    'baby',
  ];
  const items = productItems(s, 0);
  const next = /data-next-page="([^"]+)"/.exec(items)?.[1];
  return page(
    s,
    s.t('商城', 'Shop'),
    `<form method="get" role="search" class="card">${field(s.t('搜索商品', 'Search products'), 'q', { type: 'search', value: s.q('q') ?? '' })}${select(s.t('分类', 'Category'), 'category', [['', s.t('全部', 'All')], ...categories.map((c): [string, string] => [c, c])], s.q('category'))}<button>${s.t('搜索', 'Search')}</button></form>
<ul class="list" id="products" aria-label="${esc(s.t('商品', 'Products'))}">${items}</ul>${next ? `<button type="button" class="secondary" data-more="${next}" data-list="products">${s.t('加载更多', 'Load more')}</button>` : ''}`,
  );
}

function more(s: ScreenContext): string {
  return productItems(s, Number(s.q('offset') ?? 0) || 0);
}

function product(s: ScreenContext): string {
  const p = s.read('shop', 'get_product', { product_id: s.p('id') });
  const reviews = s.read<{ reviews: Row[] }>('shop', 'list_product_reviews', {
    product_id: p.id,
    limit: 5,
  }).reviews;
  const variants = (p.variants ?? []) as Row[];
  const inner = `<input type="hidden" name="product_id" value="${esc(p.id)}">${
    variants.length
      ? select(
          s.t('规格', 'Option'),
          'variant_id',
          variants.map((v) => [
            v.id,
            `${s.name(v)} · ${v.price.display}${v.in_stock ? '' : ` · ${s.t('缺货', 'out of stock')}`}`,
          ]),
        )
      : ''
  }
${field(s.t('数量', 'Quantity'), 'quantity', { type: 'number', data: 'int', value: '1' })}<div class="row"><button class="secondary">${s.t('加入购物车', 'Add to cart')}</button><button type="button" data-buy="${esc(s.href('/shop/checkout'))}">${s.t('立即购买', 'Buy now')}</button></div>`;
  return page(
    s,
    s.name(p),
    `<section class="card"><div class="price" style="font-size:22px">${money(p.price)}</div><div class="muted">${esc(p.brand)} · ★${esc(p.rating)} (${esc(p.rating_count)})</div><p>${esc(p.description)}</p></section>
${toolForm('shop', 'add_to_cart', inner, { done: s.t('已加入购物车', 'Added to cart'), cls: 'card' })}
<h2>${s.t('评价', 'Reviews')}</h2><ul class="list">${reviews.map((r) => `<li class="card"><strong>${esc(r.author)}</strong> ★${esc(r.rating)}<p>${esc(r.text)}</p></li>`).join('')}</ul>`,
    '/shop',
  );
}

function checkout(s: ScreenContext): string {
  const productId = s.q('product');
  const items = productId
    ? [
        {
          product_id: productId,
          ...(s.q('variant') ? { variant_id: s.q('variant') } : {}),
          quantity: Number(s.q('quantity') ?? 1) || 1,
        },
      ]
    : undefined;
  const addressId = s.q('address');
  const addresses = s.read<{ addresses: Row[] }>('shop', 'list_addresses').addresses;
  let body = `<section class="card">${select(s.t('收货地址', 'Ship to'), 'address', [['', s.t('请选择地址', 'Choose an address')], ...addresses.map((a): [string, string] => [a.id, `${s.name(a, 'label')} · ${s.name(a, 'text')}`])], addressId, ' data-reload="address"')}</section>`;
  const quote = s.read('shop', 'quote_order', {
    ...(items ? { items } : {}),
    ...(addressId ? { address_id: addressId } : {}),
  });
  body += `<section class="card" aria-label="${esc(s.t('订单明细', 'Order summary'))}"><ul class="list">${(quote.items as Row[]).map((l) => `<li class="row"><span>${esc(s.name(l))}${l.variant_zh ? `（${esc(s.name(l, 'variant'))}）` : ''} ×${esc(l.quantity)}</span><span>${money(l.line_total)}</span></li>`).join('')}</ul>
<div class="row"><span>${s.t('运费', 'Shipping')}</span><span>${money(quote.shipping_fee)}</span></div><div class="row"><strong>${s.t('合计', 'Total')}</strong><span class="price">${money(quote.total)}</span></div></section>`;
  if (addressId)
    body += toolForm(
      'shop',
      'place_order',
      `<input type="hidden" name="address_id" value="${esc(addressId)}">${items ? `<input type="hidden" name="items" data-type="json" value="${esc(JSON.stringify(items))}">` : ''}<button>${s.t('提交订单', 'Place order')}</button>`,
      {
        next: '/ui/shop/orders/{order_id}',
        confirm: s.t(
          `确认下单，合计 ${quote.total.display}？`,
          `Place this order for ${quote.total.display}?`,
        ),
      },
    );
  return page(s, s.t('确认订单', 'Checkout'), body, productId ? `/shop/p/${productId}` : '/shop/cart');
}

function cart(s: ScreenContext): string {
  const c = s.read('shop', 'view_cart');
  const lines = (c.items as Row[])
    .map(
      (
        l,
      ) => `<li class="card row"><span>${esc(s.name(l))}${l.variant_zh ? `（${esc(s.name(l, 'variant'))}）` : ''} ×${esc(l.quantity)} · ${money(l.line_total)}</span>
${toolForm('shop', 'remove_from_cart', `<input type="hidden" name="product_id" value="${esc(l.product_id)}">${l.variant_id ? `<input type="hidden" name="variant_id" value="${esc(l.variant_id)}">` : ''}<button class="icon" aria-label="${esc(s.t(`删除 ${s.name(l)}`, `Remove ${s.name(l)}`))}">✕</button>`)}</li>`,
    )
    .join('');
  return page(
    s,
    s.t('购物车', 'Cart'),
    lines
      ? `<ul class="list">${lines}</ul><div class="card row"><span>${s.t('合计', 'Total')} ${money(c.total)}</span><a class="button" href="${esc(s.href('/shop/checkout?from=cart'))}">${s.t('去结算', 'Checkout')}</a></div>`
      : `<p>${s.t('购物车是空的', 'Your cart is empty')}</p>`,
  );
}

function orders(s: ScreenContext): string {
  const list = s.read<{ orders: Row[] }>('shop', 'list_orders').orders;
  return page(
    s,
    s.t('我的订单', 'My orders'),
    `<ul class="list">${list.map((o) => `<li class="card"><a href="${esc(s.href(`/shop/orders/${o.order_id}`))}">${esc(o.order_id)}</a> · ${esc((o.items as Row[]).map((l) => s.name(l)).join('、'))}<div class="muted">${esc(o.status)} · ${money(o.total)}</div></li>`).join('')}</ul>`,
  );
}

function order(s: ScreenContext): string {
  const o = s.read('shop', 'get_order', { order_id: s.p('id') });
  const hidden = `<input type="hidden" name="order_id" value="${esc(o.order_id)}">`;
  const pay =
    o.payment_request_id && o.status === 'created'
      ? `<a class="button" href="${esc(s.href(`/pay/requests/${o.payment_request_id}`))}">${s.t('去支付', 'Pay now')} ${money(o.total)}</a>`
      : '';
  return page(
    s,
    s.t(`订单 ${o.order_id}`, `Order ${o.order_id}`),
    `<section class="card"><div class="muted">${s.t('状态', 'Status')}：${esc(o.status)} · ${esc(when(o.created_at))}</div><ul class="list">${(o.items as Row[]).map((l) => `<li class="row"><span>${esc(s.name(l))}${l.variant_zh ? `（${esc(s.name(l, 'variant'))}）` : ''} ×${esc(l.quantity)}</span><span>${money(l.line_total)}</span></li>`).join('')}</ul>
<div class="row"><strong>${s.t('合计', 'Total')}</strong><span class="price">${money(o.total)}</span></div><div class="muted">${esc(s.name(o.address ?? {}, 'text'))}</div>${pay}</section>
${toolForm('shop', 'cancel_order', `${hidden}<button class="secondary">${s.t('取消订单', 'Cancel order')}</button>`, { confirm: s.t('确定取消这个订单？', 'Cancel this order?'), done: s.t('订单已取消', 'Order cancelled') })}
<details class="card"><summary>${s.t('申请退货', 'Return')}</summary>${toolForm('shop', 'request_return', `${hidden}${field(s.t('退货原因', 'Reason for return'), 'reason', { required: true })}<button>${s.t('提交退货申请', 'Request return')}</button>`, { done: s.t('退货申请已提交', 'Return requested') })}</details>`,
    '/shop/orders',
  );
}

/** The shop's screens: products (loaded a batch at a time), a product, checkout, cart and orders. */
export const shopScreens: ScreenRoute[] = [
  ['/ui/shop', home],
  ['/ui/shop/more', more],
  ['/ui/shop/p/:id', product],
  ['/ui/shop/checkout', checkout],
  ['/ui/shop/cart', cart],
  ['/ui/shop/orders', orders],
  ['/ui/shop/orders/:id', order],
];
