/**
 * The script errand runs in each frame of a page to see it: every interactive element a person could use
 * (through open shadow roots too), marked with a short ref, with its role, accessible name and state, and
 * the visible text between them, in document order. Kept as plain JavaScript text so that no bundler
 * helper leaks into the page. An open modal dialog hides the rest of the page, as it does for a person.
 */
export const PAGE_WALKER = String.raw`(prefix) => {
  const lines = [];
  let line = '';
  let n = 0;
  const ROLES = new Set(['button','link','textbox','searchbox','checkbox','radio','combobox','listbox','option','menuitem','menuitemcheckbox','menuitemradio','tab','switch','slider','spinbutton','treeitem']);
  const BLOCK = /^(block|flex|grid|list-item|table|table-row|table-caption|flow-root)$/;
  const clean = (t) => (t || '').replace(/\s+/g, ' ').trim();
  const flush = () => { const t = clean(line); if (t) lines.push(t); line = ''; };
  for (const old of document.querySelectorAll('[data-errand-ref]')) old.removeAttribute('data-errand-ref');
  const clearShadow = (root) => { for (const el of root.querySelectorAll('*')) { if (el.shadowRoot) { for (const o of el.shadowRoot.querySelectorAll('[data-errand-ref]')) o.removeAttribute('data-errand-ref'); clearShadow(el.shadowRoot); } } };
  clearShadow(document);
  const hidden = (el) => {
    if (el.hidden || el.getAttribute('aria-hidden') === 'true' || el.inert) return true;
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) return true;
    const st = getComputedStyle(el);
    if (st.display === 'none' || st.visibility === 'hidden' || st.visibility === 'collapse') return true;
    return false;
  };
  const roleOf = (el) => {
    const explicit = (el.getAttribute('role') || '').split(' ')[0];
    if (ROLES.has(explicit)) return explicit;
    const tag = el.tagName.toLowerCase();
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'button') return 'button';
    if (tag === 'summary') return 'button';
    if (tag === 'select') return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'input') {
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      if (type === 'hidden') return null;
      if (['button','submit','reset','image'].includes(type)) return 'button';
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio';
      if (type === 'range') return 'slider';
      if (type === 'number') return 'spinbutton';
      if (type === 'search') return 'searchbox';
      return 'textbox';
    }
    if (el.isContentEditable && el.getAttribute('contenteditable') !== null) return 'textbox';
    return null;
  };
  const textOf = (el) => clean(el.innerText || el.textContent || '');
  const byIds = (el, attr) => {
    const ids = (el.getAttribute(attr) || '').split(/\s+/).filter(Boolean);
    const root = el.getRootNode();
    return clean(ids.map((id) => { const t = (root.getElementById ? root.getElementById(id) : null) || document.getElementById(id); return t ? textOf(t) : ''; }).join(' '));
  };
  const nameOf = (el, role) => {
    const aria = clean(el.getAttribute('aria-label'));
    if (aria) return aria;
    const by = byIds(el, 'aria-labelledby');
    if (by) return by;
    if (el.labels && el.labels.length) return clean([...el.labels].map(textOf).join(' '));
    const wrap = el.closest && el.closest('label');
    if (wrap && wrap !== el && role !== 'link' && role !== 'button') return textOf(wrap);
    if (el.tagName === 'INPUT' && ['submit','button','reset'].includes(el.type)) return clean(el.value) || clean(el.title);
    if (['textbox','searchbox','spinbutton','combobox','listbox','slider'].includes(role)) return clean(el.getAttribute('title')) || clean(el.getAttribute('placeholder'));
    const inner = textOf(el);
    if (inner) return inner;
    const img = el.querySelector && el.querySelector('img[alt]');
    return clean(img && img.getAttribute('alt')) || clean(el.getAttribute('title'));
  };
  const describe = (el, role) => {
    const ref = prefix + (++n);
    el.setAttribute('data-errand-ref', ref);
    const name = nameOf(el, role).slice(0, 80);
    let s = '[' + ref + '] ' + role + (name ? ' "' + name + '"' : '');
    const st = [];
    if (el.disabled || el.getAttribute('aria-disabled') === 'true') st.push('disabled');
    if (role === 'checkbox' || role === 'radio' || role === 'switch') { if (el.checked || el.getAttribute('aria-checked') === 'true') st.push('checked'); }
    const exp = el.getAttribute('aria-expanded');
    if (exp !== null) st.push(exp === 'true' ? 'expanded' : 'collapsed');
    if (el.tagName === 'SUMMARY' && el.parentElement) st.push(el.parentElement.open ? 'expanded' : 'collapsed');
    if (el.required) st.push('required');
    if (el.getAttribute('aria-current')) st.push('current');
    if (el.tagName === 'SELECT') {
      const opts = [...el.options];
      const chosen = opts[el.selectedIndex];
      s += ' = ' + (chosen ? clean(chosen.text) : '');
      s += ' {' + opts.slice(0, 30).map((o) => clean(o.text)).join(' | ') + (opts.length > 30 ? ' | …' : '') + '}';
    } else if (['textbox','searchbox','spinbutton','slider'].includes(role)) {
      const v = el.isContentEditable ? textOf(el) : el.value;
      if (v) s += ' = "' + String(v).slice(0, 80) + '"';
    }
    if (st.length) s += ' (' + st.join(', ') + ')';
    return s;
  };
  const modal = document.querySelector('dialog[open]:modal') || [...document.querySelectorAll('[aria-modal="true"]')].find((d) => !hidden(d) && (d.tagName !== 'DIALOG' || d.open));
  const walk = (node) => {
    if (node.nodeType === 3) { line += ' ' + node.nodeValue; return; }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    const el = node;
    if (node.nodeType === 1) {
      const tag = el.tagName;
      if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE' || tag === 'HEAD') return;
      if (tag === 'DIALOG' && !el.open) return;
      if (hidden(el)) return;
      if (tag === 'IFRAME') { flush(); lines.push('[frame ' + clean(el.title || el.name || el.src).slice(0, 60) + ']'); return; }
      if (tag === 'BR') { flush(); return; }
      if (tag === 'LABEL' && el.control) { if (el.contains(el.control)) walk(el.control); return; }
      if (tag === 'OUTPUT' && el.getAttribute('aria-label')) { flush(); lines.push(clean(el.getAttribute('aria-label')) + ': ' + textOf(el)); return; }
      const role = roleOf(el);
      const block = BLOCK.test(getComputedStyle(el).display);
      if (role && role !== 'option') {
        const r = el.getBoundingClientRect();
        if (r.width > 0 || r.height > 0 || el.tagName === 'INPUT') {
          flush();
          lines.push(describe(el, role));
          if (role === 'listbox' && el.tagName !== 'SELECT') for (const o of el.querySelectorAll('[role=option]')) lines.push('  ' + describe(o, 'option'));
          return;
        }
      }
      if (block) flush();
      const h = /^H([1-6])$/.exec(tag);
      if (h) { flush(); line = '#'.repeat(Number(h[1])) + ' '; }
      if (el.shadowRoot) for (const c of el.shadowRoot.childNodes) walk(c);
      for (const c of el.childNodes) walk(c);
      if (block || h) flush();
      return;
    }
    for (const c of node.childNodes) walk(c);
  };
  walk(modal || document.body || document.documentElement);
  flush();
  const out = [];
  for (const l of lines) if (out[out.length - 1] !== l) out.push(l.length > 160 ? l.slice(0, 159) + '…' : l);
  return { title: document.title, url: location.href, modal: !!modal, lines: out, count: n };
}`;

/** Draws each ref's number over its element, for a screenshot a model that sees can match to the view. */
export const MARKS_ON = String.raw`() => {
  const layer = document.createElement('div');
  layer.id = '__errand_marks';
  layer.style.cssText = 'position:fixed;inset:0;pointer-events:none;z-index:2147483647';
  const add = (el) => {
    const r = el.getBoundingClientRect();
    if (r.bottom < 0 || r.top > innerHeight || r.width === 0) return;
    const box = document.createElement('div');
    box.style.cssText = 'position:fixed;border:2px solid #e11d48;border-radius:3px;left:' + r.left + 'px;top:' + r.top + 'px;width:' + r.width + 'px;height:' + r.height + 'px';
    const tag = document.createElement('span');
    tag.textContent = el.getAttribute('data-errand-ref');
    tag.style.cssText = 'position:absolute;left:-2px;top:-16px;background:#e11d48;color:#fff;font:11px/14px monospace;padding:0 3px;border-radius:3px';
    box.appendChild(tag);
    layer.appendChild(box);
  };
  const visit = (root) => { for (const el of root.querySelectorAll('[data-errand-ref]')) add(el); for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot); };
  visit(document);
  document.documentElement.appendChild(layer);
}`;

/** Takes the marks away again. */
export const MARKS_OFF = `() => { const l = document.getElementById('__errand_marks'); if (l) l.remove(); }`;
