// kumiai serve: live reload and the build-error overlay.
// Injected by `kumiai serve` only; `kumiai build` output never contains it.
// Every text from the build goes into the page with textContent, never as HTML.
(function () {
  'use strict';
  if (window.__kumiaiLive) return;
  window.__kumiaiLive = true;

  var script = document.currentScript;
  var version = (script && script.getAttribute('data-version')) || '';
  var source = null;
  var hiddenTimer = null;
  var retryTimer = null;
  var overlay = null; // { host, root, panel, badge }
  var shownKey = null;
  var dismissedKey = null; // the diagnostics the user closed the panel on
  var expandedKey = null; // the findings the user opened from the badge

  // The overlay's words come with each payload, in the preview's language, from kumiai's
  // message catalogue (src/diagnostic/messages/serve.rs); {n} stands for a count.
  function count(w, one, many, n) {
    return (n === 1 ? w[one] : w[many]).replace('{n}', String(n));
  }

  function connect() {
    if (source) return;
    var url = '/__kumiai/events?page=' + encodeURIComponent(location.pathname);
    if (version) url += '&v=' + encodeURIComponent(version);
    source = new EventSource(url);
    source.addEventListener('reload', function () { location.reload(); });
    source.addEventListener('css', function (e) { version = e.data; swapStylesheets(); });
    source.addEventListener('errors', function (e) { show(JSON.parse(e.data)); });
    source.addEventListener('ok', function (e) { show(JSON.parse(e.data)); });
    // Reconnect by hand rather than let EventSource retry its first URL: the new URL carries the
    // version this tab is at, so a server restarted meanwhile, or a rebuild missed while
    // disconnected, reloads the page, and a stylesheet already swapped does not.
    source.onerror = function () {
      disconnect();
      clearTimeout(retryTimer);
      retryTimer = setTimeout(function () {
        if (document.visibilityState !== 'hidden') connect();
      }, 1000);
    };
  }

  function disconnect() {
    if (source) { source.close(); source = null; }
  }

  // A browser opens only a few connections per server; a tab that stays in the background lets
  // go of its stream, and catches up (reloading if anything changed) when it is shown again.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      hiddenTimer = setTimeout(disconnect, 60000);
    } else {
      clearTimeout(hiddenTimer);
      connect();
    }
  });

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set('kumiai', Date.now().toString(36));
      var next = link.cloneNode(false);
      next.href = url.href;
      // The old sheet stays until the new one has loaded: no flash of an unstyled page.
      next.addEventListener('load', function () { link.remove(); });
      next.addEventListener('error', function () { next.remove(); });
      link.parentNode.insertBefore(next, link.nextSibling);
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function ensureOverlay() {
    if (overlay) return overlay;
    var host = document.createElement('kumiai-overlay');
    var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    var style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = '/__kumiai/overlay.css';
    root.appendChild(style);
    var panel = el('section', 'panel');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-live', 'polite');
    var badge = el('button', 'badge');
    badge.type = 'button';
    badge.addEventListener('click', function () {
      expandedKey = shownKey;
      dismissedKey = null;
      render();
    });
    root.appendChild(panel);
    root.appendChild(badge);
    (document.body || document.documentElement).appendChild(host);
    overlay = { host: host, root: root, panel: panel, badge: badge, payload: null };
    return overlay;
  }

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && overlay && !overlay.panel.hidden) dismiss();
  });

  function dismiss() {
    dismissedKey = shownKey;
    expandedKey = null;
    render();
  }

  function show(payload) {
    if (!payload.diagnostics || payload.diagnostics.length === 0) {
      if (overlay) { overlay.host.remove(); overlay = null; }
      shownKey = null;
      return;
    }
    ensureOverlay().payload = payload;
    shownKey = JSON.stringify(payload.diagnostics);
    render();
  }

  function render() {
    var o = overlay;
    if (!o || !o.payload) return;
    var p = o.payload;
    var w = p.words;
    // Errors open the panel; findings only show a badge that opens it. A dismissed panel stays
    // closed until the diagnostics change.
    var open = (p.errors > 0 && dismissedKey !== shownKey) || expandedKey === shownKey;
    var counts = [];
    if (p.errors) counts.push(count(w, 'errors_one', 'errors_many', p.errors));
    if (p.warnings) counts.push(count(w, 'warnings_one', 'warnings_many', p.warnings));
    if (!counts.length) counts.push(String(p.diagnostics.length));
    o.badge.textContent = (p.errors ? '✖ ' : '⚠ ') + counts.join(' · ');
    o.badge.className = 'badge ' + (p.errors ? 'has-errors' : 'has-warnings');
    o.badge.title = w.show;
    o.badge.hidden = open;
    o.panel.hidden = !open;
    if (!open) return;

    var panel = o.panel;
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    panel.setAttribute('aria-label', 'kumiai: ' + counts.join(' · '));
    var header = el('header', 'head');
    header.appendChild(el('strong', 'title', 'kumiai · ' + counts.join(' · ')));
    var close = el('button', 'close', '×');
    close.type = 'button';
    close.title = w.close;
    close.setAttribute('aria-label', w.close);
    close.addEventListener('click', dismiss);
    header.appendChild(close);
    panel.appendChild(header);
    panel.appendChild(el('p', 'lead', p.errors ? w.failed : w.findings));

    var list = el('ol', 'list');
    p.diagnostics.forEach(function (d) {
      var item = el('li', 'diag ' + d.severity);
      var head = el('p', 'where');
      head.appendChild(el('span', 'severity', w[d.severity] || d.severity));
      head.appendChild(el('span', 'location', d.location));
      if (d.rule && d.rule !== 'error') head.appendChild(el('span', 'rule', '[' + d.rule + ']'));
      item.appendChild(head);
      item.appendChild(el('p', 'message', d.message));
      if (d.source_line !== null && d.source_line !== undefined && d.line > 0) {
        item.appendChild(frame(d));
      }
      if (d.suggestion) item.appendChild(el('p', 'help', w.help + ': ' + d.suggestion));
      if (d.acknowledged) item.appendChild(el('p', 'ack', w.acknowledged + ': ' + d.acknowledged));
      list.appendChild(item);
    });
    panel.appendChild(list);
    if (p.omitted) panel.appendChild(el('p', 'more', p.omitted + ' ' + w.more));
  }

  // The code frame: line number, the line, and the exact span marked (columns count characters,
  // as in `kumiai check`).
  function frame(d) {
    var pre = el('pre', 'frame');
    var chars = Array.from(d.source_line);
    var start = Math.max(0, d.column - 1);
    var end = Math.min(chars.length, start + Math.max(1, d.width));
    var number = String(d.line);
    pre.appendChild(el('span', 'gutter', number + ' │ '));
    pre.appendChild(document.createTextNode(chars.slice(0, start).join('')));
    var mark = el('mark', null, chars.slice(start, end).join('') || ' ');
    pre.appendChild(mark);
    pre.appendChild(document.createTextNode(chars.slice(end).join('')));
    return pre;
  }

  connect();
})();
