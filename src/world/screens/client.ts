/**
 * The script every screen loads. It turns a `form[data-tool]` into the app's own JSON call, with the
 * confirmation step a real app puts before money moves, and keeps the menu's quantities. Served as a
 * file so the pages' Content-Security-Policy can forbid inline script.
 */
export const SCREEN_JS = String.raw`(() => {
  const base = document.body.dataset.base || '';
  const alertBox = document.getElementById('alert');
  const flashBox = document.getElementById('flash');
  // Marks the page as busy while it sends or leaves, so whoever operates it knows to wait.
  const busy = (on) => { if (on) document.body.dataset.busy = '1'; else delete document.body.dataset.busy; };
  const go = (url) => { busy(true); location.href = url; };
  const flash = sessionStorage.getItem('errand-flash');
  if (flash) { flashBox.textContent = flash; sessionStorage.removeItem('errand-flash'); }
  const fill = (template, data) => template.replace(/\{([\w.]+)\}/g, (_m, path) => {
    let v = data;
    for (const k of path.split('.')) v = v == null ? v : v[k];
    return encodeURIComponent(v == null ? '' : String(v));
  });
  const valueOf = (el) => {
    const type = el.dataset.type;
    const v = el.value;
    if (type === 'int') return v === '' ? undefined : Number(v);
    if (type === 'yuan') return v === '' ? undefined : Math.round(parseFloat(v) * 100);
    if (type === 'json') return v === '' ? undefined : JSON.parse(v);
    if (type === 'bool') return el.checked;
    if (type === 'words') return v.split(/[,，\s]+/).filter(Boolean);
    return v === '' ? undefined : v;
  };
  // A dotted name puts a value inside a list or object: lines.0.sku, attachments.0.text.
  const put = (body, name, v) => {
    const keys = name.split('.');
    let o = body;
    keys.slice(0, -1).forEach((k, i) => { if (o[k] == null) o[k] = /^\d+$/.test(keys[i + 1]) ? [] : {}; o = o[k]; });
    o[keys[keys.length - 1]] = v;
  };
  const collect = (form) => {
    const body = {};
    for (const el of form.querySelectorAll('[name]')) {
      if (el.disabled) continue;
      if (el.type === 'checkbox' && el.dataset.type === 'list') {
        body[el.name] = body[el.name] || [];
        if (el.checked) body[el.name].push(el.value);
        continue;
      }
      if (el.type === 'radio' && !el.checked) continue;
      const v = valueOf(el);
      if (v !== undefined) put(body, el.name, v);
    }
    // Rows left empty leave no hole in a list.
    for (const k of Object.keys(body)) if (Array.isArray(body[k])) body[k] = body[k].filter((x) => x !== undefined && x !== null);
    body.idempotency_key = crypto.randomUUID();
    return body;
  };
  const send = async (form) => {
    const [app, tool] = form.dataset.tool.split('/');
    alertBox.textContent = '';
    let body;
    try { body = collect(form); } catch { alertBox.textContent = 'Invalid input'; return; }
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    busy(true);
    try {
      const res = await fetch(base + '/apps/' + app + '/tools/' + tool, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      const reply = await res.json().catch(() => ({ ok: false, error: { message: 'HTTP ' + res.status } }));
      if (reply.ok) {
        const shown = form.dataset.show && document.getElementById(form.dataset.show);
        if (shown) {
          // What the tool gave back is what the person came for (an export): shown, not reloaded away.
          shown.textContent = String((reply.data && reply.data[shown.dataset.field || 'text']) ?? '');
          if (form.dataset.done) flashBox.textContent = form.dataset.done;
          buttons.forEach((b) => { b.disabled = false; });
          busy(false);
          return;
        }
        if (form.dataset.done) sessionStorage.setItem('errand-flash', form.dataset.done);
        if (form.dataset.next) go(base + fill(form.dataset.next, reply.data));
        else { busy(true); location.reload(); }
        return;
      }
      alertBox.textContent = (reply.error && reply.error.message) || 'Failed';
    } catch (err) {
      alertBox.textContent = String(err);
    }
    buttons.forEach((b) => { b.disabled = false; });
    busy(false);
  };
  const dialog = document.getElementById('confirm');
  for (const form of document.querySelectorAll('form[data-tool]')) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!form.reportValidity()) return;
      const ask = form.dataset.confirm;
      if (!ask) { send(form); return; }
      const shown = ask.replace(/\{(\w+)\}/g, (_m, name) => {
        const el = form.querySelector('[name="' + name + '"]');
        if (!el) return '';
        if (el.tagName === 'SELECT') return el.options[el.selectedIndex] ? el.options[el.selectedIndex].text : '';
        return el.value;
      });
      document.getElementById('confirm-text').textContent = shown;
      dialog.returnValue = '';
      dialog.showModal();
      dialog.onclose = () => { if (dialog.returnValue === 'ok') send(form); };
    });
  }
  // The menu: quantities kept on the page, then checkout with what was picked.
  const counts = new Map();
  for (const btn of document.querySelectorAll('[data-step]')) {
    btn.addEventListener('click', () => {
      const id = btn.dataset.dish;
      const n = Math.max(0, Math.min(20, (counts.get(id) || 0) + Number(btn.dataset.step)));
      counts.set(id, n);
      const out = document.querySelector('output[data-dish="' + id + '"]');
      if (out) out.textContent = String(n);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const badge = document.getElementById('picked');
      if (badge) badge.textContent = String(total);
    });
  }
  const checkout = document.getElementById('checkout');
  if (checkout) checkout.addEventListener('click', () => {
    const items = [];
    for (const [id, n] of counts) {
      if (!n) continue;
      const options = [...document.querySelectorAll('select[data-option-of="' + id + '"]')].map((s) => s.value).filter(Boolean);
      items.push(options.length ? { dish_id: id, quantity: n, options } : { dish_id: id, quantity: n });
    }
    if (!items.length) { alertBox.textContent = checkout.dataset.empty || 'Nothing picked'; return; }
    go(checkout.dataset.href + '&items=' + encodeURIComponent(JSON.stringify(items)));
  });
  // Buy now: straight to checkout with the product form's choice.
  for (const buy of document.querySelectorAll('[data-buy]')) {
    buy.addEventListener('click', () => {
      const form = buy.closest('form');
      const get = (n) => { const el = form.querySelector('[name="' + n + '"]'); return el ? el.value : ''; };
      const q = new URLSearchParams({ product: get('product_id'), quantity: get('quantity') || '1' });
      if (get('variant_id')) q.set('variant', get('variant_id'));
      go(buy.dataset.buy + '?' + q.toString());
    });
  }
  // A list that loads more as asked, as shops do.
  for (const more of document.querySelectorAll('[data-more]')) {
    more.addEventListener('click', async () => {
      busy(true);
      const res = await fetch(more.dataset.more);
      const html = await res.text();
      const list = document.getElementById(more.dataset.list);
      list.insertAdjacentHTML('beforeend', html);
      const next = list.querySelector('[data-next-page]:last-of-type');
      if (next && next.dataset.nextPage) more.dataset.more = next.dataset.nextPage; else more.remove();
      busy(false);
    });
  }
  // Selects that reload the page with their value (address and coupon at checkout).
  for (const sel of document.querySelectorAll('select[data-reload]')) {
    sel.addEventListener('change', () => {
      const url = new URL(location.href);
      url.searchParams.set(sel.dataset.reload, sel.value);
      go(url.toString());
    });
  }
})();
`;

/** The screens' style: phone-sized, readable, nothing fancy. */
export const SCREEN_CSS = `*{box-sizing:border-box}body{margin:0 auto;max-width:430px;font:15px/1.45 system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;color:#1b1b1f;background:#f6f6f8;padding-bottom:64px}
.bar{position:sticky;top:0;display:flex;gap:8px;align-items:center;background:#fff;border-bottom:1px solid #ddd;padding:10px 12px;z-index:2}
.bar .back{font-size:24px;text-decoration:none;color:#333;padding:0 8px}.bar .app{font-weight:600}
main{padding:8px 12px}h1{font-size:20px;margin:8px 0}h2{font-size:16px;margin:14px 0 6px}
.card{background:#fff;border-radius:10px;padding:10px 12px;margin:8px 0;box-shadow:0 1px 2px #0001}
.muted{color:#666;font-size:13px}.price{color:#c2410c;font-weight:600}.row{display:flex;gap:8px;align-items:center;justify-content:space-between;flex-wrap:wrap}
label{display:block;font-size:13px;color:#444;margin-top:8px}input,select,textarea{width:100%;font:inherit;padding:8px;border:1px solid #bbb;border-radius:8px;background:#fff}
input[type=checkbox],input[type=radio]{width:auto}.check{display:flex;gap:6px;align-items:center;margin:4px 0;font-size:15px;color:#1b1b1f}
button,.button{font:inherit;padding:8px 14px;border-radius:8px;border:0;background:#ea580c;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#e5e7eb;color:#111}button.icon{padding:4px 10px;background:#fff;color:#111;border:1px solid #ccc}
button:disabled{opacity:.5}ul.list{list-style:none;padding:0;margin:0}
.tabs{position:fixed;bottom:0;left:50%;transform:translateX(-50%);width:100%;max-width:430px;display:flex;background:#fff;border-top:1px solid #ddd}
.tabs a{flex:1;text-align:center;padding:12px 0;color:#444;text-decoration:none}.tabs a[aria-current]{color:#ea580c;font-weight:600}
#alert:not(:empty){background:#fee2e2;color:#991b1b;padding:8px;border-radius:8px;margin:8px 0}#flash:not(:empty){background:#dcfce7;color:#166534;padding:8px;border-radius:8px;margin:8px 0}
dialog{border:0;border-radius:12px;max-width:360px;width:90%}dialog::backdrop{background:#0006}
.msg{margin:6px 0;padding:6px 10px;border-radius:10px;background:#fff;max-width:85%}.msg.mine{margin-left:auto;background:#dcfce7}
.pager{display:flex;justify-content:space-between;margin:10px 0}`;
