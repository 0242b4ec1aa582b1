// Search-as-you-type for the item pickers (issue 19). Progressive enhancement only: without this file the
// picker's GET search form lists the matching items on the server. With it, the search box is an ARIA 1.2
// combobox with a listbox popup over GET /api/v1/items/pick (debounced): ↓/↑ move, Enter chooses, Esc
// closes (or clears), the count and the choice are announced; choosing renders the same choose control
// as the server (the <template data-picker-choice> of the picker) and moves focus to it.
(function () {
  if (window.gkPickerReady) return;
  window.gkPickerReady = true;
  var seq = 0;

  function setup(root) {
    var input = root.querySelector('input[type=search]');
    var results = document.getElementById(root.getAttribute('data-results') || '');
    var status = root.querySelector('[data-picker-status]');
    var template = results && results.querySelector('template[data-picker-choice]');
    var endpoint = root.getAttribute('data-endpoint');
    if (!input || !results || !template || !status || !endpoint || !template.content) return;
    var id = 'gk-picker-' + (++seq);
    var label = root.querySelector('label[for="' + input.id + '"]');
    var list = document.createElement('ul');
    list.id = id + '-list';
    list.className = 'gk-picker__listbox';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', (label ? label.textContent : '查找') + '：匹配的信息');
    list.hidden = true;
    input.parentNode.insertBefore(list, input.nextSibling);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    var hint = document.getElementById(input.getAttribute('aria-describedby') || '');
    if (hint) hint.textContent = '输入时自动列出匹配的信息：用上下方向键选择，按回车键选定，按 Esc 键关闭列表；也可以选“查找”';

    var items = [];
    var active = -1;
    var timer = null;
    var lastQ = null;
    var pending = null;

    function announce(text) { status.textContent = text; }
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function open() {
      if (!items.length) return;
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function highlight(i) {
      var opts = list.children;
      for (var j = 0; j < opts.length; j++) opts[j].setAttribute('aria-selected', j === i ? 'true' : 'false');
      active = i;
      if (i >= 0 && opts[i]) {
        input.setAttribute('aria-activedescendant', opts[i].id);
        if (opts[i].scrollIntoView) opts[i].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    function render(rows) {
      items = rows;
      list.textContent = '';
      rows.forEach(function (r, i) {
        var li = document.createElement('li');
        li.id = id + '-opt-' + i;
        li.className = 'gk-picker__option';
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = r.label;
        li.addEventListener('mousedown', function (e) { e.preventDefault(); });
        li.addEventListener('click', function () { choose(i); });
        list.appendChild(li);
      });
      active = -1;
      input.removeAttribute('aria-activedescendant');
      if (rows.length) {
        open();
        announce('找到' + rows.length + '条匹配的信息，用上下方向键选择，按回车键选定');
      } else {
        close();
        announce('没有找到匹配的信息');
      }
    }
    function search() {
      var q = input.value.trim();
      if (q === lastQ) { open(); return; }
      lastQ = q;
      if (pending && pending.abort) pending.abort();
      pending = null;
      if (!q) { items = []; list.textContent = ''; close(); announce(''); return; }
      var ctrl = window.AbortController ? new AbortController() : null;
      pending = ctrl;
      fetch(endpoint + '&q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { accept: 'application/json' }, signal: ctrl ? ctrl.signal : undefined })
        .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
        .then(function (j) { if (input.value.trim() === q) render((j && j.data) || []); })
        .catch(function (e) {
          if (e && e.name === 'AbortError') return;
          lastQ = null;
          announce('暂时无法自动查找，请选“查找”按钮');
        });
    }
    function choose(i) {
      var r = items[i];
      if (!r) return;
      var node = template.content.firstElementChild.cloneNode(true);
      node.querySelectorAll('[data-pick-id]').forEach(function (el) {
        el.value = String(r.id);
        if (el.type === 'radio' || el.type === 'checkbox') el.checked = true;
      });
      node.querySelectorAll('[data-pick-title]').forEach(function (el) { el.textContent = r.title; });
      node.querySelectorAll('[data-pick-label]').forEach(function (el) { el.textContent = r.label; });
      Array.prototype.slice.call(results.children).forEach(function (c) { if (c !== template) results.removeChild(c); });
      var ul = document.createElement('ul');
      ul.className = 'gk-list gk-picker__list';
      ul.setAttribute('aria-label', '已选择');
      ul.appendChild(node);
      results.insertBefore(ul, template);
      close();
      announce('已选择《' + r.title + '》');
      var target = node.querySelector('input:not([type=hidden]), button, select, textarea, a[href]');
      if (target) target.focus();
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' || e.key === 'Down') {
        e.preventDefault();
        if (list.hidden) { if (items.length) open(); else { clearTimeout(timer); search(); } }
        if (items.length) highlight(active + 1 >= items.length ? 0 : active + 1);
      } else if (e.key === 'ArrowUp' || e.key === 'Up') {
        e.preventDefault();
        if (list.hidden) open();
        if (items.length) highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (e.key === 'Enter') {
        if (!list.hidden && active >= 0) { e.preventDefault(); choose(active); }
      } else if (e.key === 'Escape' || e.key === 'Esc') {
        if (!list.hidden) { e.preventDefault(); close(); } else if (input.value) { e.preventDefault(); input.value = ''; lastQ = null; items = []; list.textContent = ''; }
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
  }

  document.querySelectorAll('[data-item-picker]').forEach(setup);
})();
