// The screens as the scripted screen driver finds its way on them: the labels it looks for, and the
// screen that shows what each read tool returns.

/** The labels the screens give what the driver looks for, in both languages. */
export const L = {
  message: /^(消息|Message)$/,
  send: /^(发送|Send)$/,
  confirm: /^(确认|Confirm)$/,
  to: /^(收款人|To)$/,
  amount: /^(金额（元）|Amount \(¥\))$/,
  memo: /^(备注|Note)$/,
  transfer: /^(转账|Send money)$/,
  pay: /^(确认付款|Pay) /,
  checkout: /^(去结算|Checkout)$/,
  deliverTo: /^(送到|Deliver to)$/,
  coupon: /^(优惠券|Coupon)$/,
  noteToShop: /^(备注|Note to the restaurant)$/,
  place: /^(提交订单|Place order)$/,
  cancelOrder: /^(取消订单|Cancel order)$/,
  cancelReason: /^(取消原因|Reason)$/,
  variant: /^(规格|Option)$/,
  quantity: /^(数量|Quantity)$/,
  buyNow: /^(立即购买|Buy now)$/,
  shipTo: /^(收货地址|Ship to)$/,
  returnSummary: /^(申请退货|Return)$/,
  returnReason: /^(退货原因|Reason for return)$/,
  returnSubmit: /^(提交退货申请|Request return)$/,
  title: /^(标题|Title)$/,
  start: /^(开始时间|Start)$/,
  duration: /^(时长（分钟）|Duration \(minutes\))$/,
  end: /^(结束时间（可选）|End \(optional\))$/,
  location: /^(地点|Location)$/,
  create: /^(创建并邀请|Create and invite)$/,
  addToCalendar: /^(把 .* 加到日程|Add .* to calendar)$/,
  useTime: /^(用这个时间|Use this time)$/,
  date: /^(日期|Date)$/,
  length: /^(时长|Length)$/,
  earliest: /^(最早开始|Not before)$/,
  find: /^(查找|Find)$/,
  move: /^(改时间|Move)$/,
  moveSubmit: /^(改时间|Move event)$/,
  newStart: /^(新的开始时间|New start)$/,
  cancelEvent: /^(取消日程|Cancel event)$/,
  accept: /^(接受|Accept)$/,
  decline: /^(拒绝|Decline)$/,
  searchPlaces: /^(搜索地点|Search places)$/,
  search: /^(搜索|Search)$/,
  searchContacts: /^(搜索联系人|Search contacts)$/,
  addToCart: /^(加入购物车|Add to cart)$/,
  subject: /^(主题|Subject)$/,
  mailBody: /^(正文|Message)$/,
  fileName: /^(附件名|File name)$/,
  fileText: /^(附件内容|File content)$/,
  sendMail: /^(发送邮件|Send mail)$/,
  replyBody: /^(回复内容|Your reply)$/,
  sendReply: /^(发送回复|Send reply)$/,
  forwardNote: /^(附言|Note)$/,
  forwardMail: /^(转发邮件|Forward mail)$/,
  receipt: /^(凭证（订单号）|Receipt \(order\))$/,
  costCentre: /^(成本中心|Cost centre)$/,
  category: /^(类别|Category)$/,
  description: /^(说明|Description)$/,
  submitClaim: /^(提交报销|Submit claim)$/,
  approve: /^(批准并报销|Approve and reimburse) /,
  rejectReason: /^(驳回理由|Reason for rejecting)$/,
  reject: /^(驳回|Reject)$/,
  payInvoice: /^(付款|Pay) /,
  reminder: /^(催款内容|Reminder)$/,
  sendReminder: /^(发送催款|Send reminder)$/,
  warehouse: /^(送到仓库|Deliver to warehouse)$/,
  total: /^(确认总价（元）|Confirmed total \(¥\))$/,
  needBy: /^(最晚到货日期（可选）|Needed by \(optional\))$/,
  placePo: /^(下采购单|Place purchase order)$/,
  receiveAll: /^(全部收货|Receive everything)$/,
  receivePart: /^(部分收货|Receive part)$/,
  cancelPo: /^(取消采购单|Cancel purchase order)$/,
  reorderPoint: /^(补货点|Reorder point)$/,
  reorderQty: /^(补货量|Reorder quantity)$/,
  saveReorder: /^(保存补货设置|Save restock settings)$/,
  item: /^(商品|Item)$/,
  fromWarehouse: /^(调出仓库|From warehouse)$/,
  toWarehouse: /^(调入仓库|To warehouse)$/,
  units: /^(数量|Units)$/,
  moveUnits: /^(调拨|Move units)$/,
  assignee: /^(负责人|Assignee)$/,
  assign: /^(指派|Assign)$/,
  labels: /^(标签（逗号分隔）|Labels \(comma-separated\))$/,
  component: /^(模块|Component)$/,
  priority: /^(优先级|Priority)$/,
  saveLabels: /^(保存标签|Save labels)$/,
  closeReason: /^(关闭原因|Reason for closing)$/,
  closeIssue: /^(关闭问题|Close issue)$/,
  commentText: /^(写评论|Write a comment)$/,
  comment: /^(发表评论|Comment)$/,
  requestReview: /^(请求评审|Request review)$/,
  merge: /^(合并|Merge) #/,
  version: /^(版本号|Version)$/,
  notes: /^(发布说明|Release notes)$/,
  publish: /^(发布|Publish release)$/,
} as const;

/** Query text for a screen address: the set values only. */
function query(params: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
}

// biome-ignore lint/suspicious/noExplicitAny: an oracle step's input, as the task file gives it
type StepInput = Record<string, any>;

/**
 * The screen that shows what a read tool returns, by the tool's input: opening it is reading it (the
 * world's page is rendered from that very read, and says so to the guard).
 */
export const READ_SCREENS: Record<string, (i: StepInput) => string> = {
  food_search_restaurants: (i) => `/ui/food${query({ q: i.query })}`,
  food_get_restaurant: (i) => `/ui/food/r/${i.restaurant_id}`,
  food_get_menu: (i) => `/ui/food/r/${i.restaurant_id}`,
  food_list_reviews: (i) => `/ui/food/r/${i.restaurant_id}/reviews`,
  food_list_addresses: () => '/ui/food/me',
  food_list_coupons: () => '/ui/food/me',
  food_view_cart: () => '/ui/food/cart',
  food_get_order: (i) => `/ui/food/orders/${i.order_id}`,
  food_quote_order: (i) =>
    `/ui/food/checkout${query({ r: i.restaurant_id, items: i.items ? JSON.stringify(i.items) : undefined, address: i.address_id, coupon: i.coupon_id })}`,
  food_list_orders: () => '/ui/food/orders',
  pay_get_balance: () => '/ui/pay',
  pay_list_transactions: () => '/ui/pay',
  pay_list_payment_requests: () => '/ui/pay/requests',
  pay_get_payment_request: (i) => `/ui/pay/requests/${i.request_id}`,
  chat_list_conversations: () => '/ui/chat',
  chat_read_messages: (i) => `/ui/chat/c/${i.conversation}`,
  calendar_list_events: (i) => `/ui/calendar${query({ date: i.from })}`,
  calendar_get_event: (i) => `/ui/calendar/e/${i.event_id}`,
  calendar_get_free_busy: (i) =>
    `/ui/calendar/free${query({ attendees: (i.person_ids ?? []).join(','), date: i.date })}`,
  maps_get_place: (i) => `/ui/maps/p/${i.place_id}`,
  maps_geocode: (i) => `/ui/maps/geocode${query({ address: i.address })}`,
  maps_route: (i) => `/ui/maps/route${query({ from: i.from_place_id, to: i.to_place_id, mode: i.mode })}`,
  shop_search_products: (i) => `/ui/shop${query({ q: i.query, category: i.category })}`,
  shop_get_product: (i) => `/ui/shop/p/${i.product_id}`,
  shop_list_product_reviews: (i) => `/ui/shop/p/${i.product_id}`,
  shop_list_addresses: () => '/ui/shop/checkout',
  shop_quote_order: (i) => {
    const one = (
      i.items as { product_id: string; variant_id?: string; quantity?: number }[] | undefined
    )?.[0];
    return `/ui/shop/checkout${query({ product: one?.product_id, variant: one?.variant_id, quantity: one?.quantity, address: i.address_id })}`;
  },
  shop_get_order: (i) => `/ui/shop/orders/${i.order_id}`,
  shop_list_orders: () => '/ui/shop/orders',
  mail_list_inbox: (i) =>
    `/ui/mail${query({ folder: i.folder, q: i.query, unread: i.unread_only ? 1 : undefined })}`,
  mail_read_thread: (i) => `/ui/mail/t/${i.thread_id}`,
  mail_list_directory: (i) => `/ui/mail/people${query({ q: i.query })}`,
  ledger_list_cost_centres: () => '/ui/ledger',
  ledger_list_expenses: (i) =>
    `/ui/ledger/expenses${query({ status: i.status, centre: i.cost_centre_id, mine: i.mine_only ? 1 : undefined })}`,
  ledger_list_invoices: (i) =>
    `/ui/ledger/invoices${query({ direction: i.direction, status: i.status, overdue: i.overdue_only ? 1 : undefined })}`,
  inventory_list_stock: (i) =>
    `/ui/inventory${query({ warehouse: i.warehouse_id, low: i.below_reorder_only ? 1 : undefined })}`,
  inventory_list_suppliers: (i) => `/ui/inventory/suppliers${query({ sku: i.sku })}`,
  inventory_list_purchase_orders: (i) => `/ui/inventory/orders${query({ status: i.status })}`,
  tracker_list_issues: (i) =>
    `/ui/tracker${query({ status: i.status, component: i.component, label: i.label, unassigned: i.unassigned_only ? 1 : undefined })}`,
  tracker_get_issue: (i) => `/ui/tracker/issues/${i.issue_id}`,
  tracker_list_components: () => '/ui/tracker',
  tracker_list_prs: (i) => `/ui/tracker/prs${query({ status: i.status })}`,
  tracker_get_pr: (i) => `/ui/tracker/prs/${i.pr_id}`,
  tracker_list_releases: () => '/ui/tracker/releases',
};
