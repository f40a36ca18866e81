// kumiai's portal: a search box that filters the list of unions as one types, and the jump
// index opening the group it points to. Loaded from a file (the CSP allows no inline script);
// works from file:// as from a server, and the page works without it.
(function () {
  'use strict';
  // As the page's data-search values are written: NFKC, katakana as hiragana, lower case,
  // without spaces and 「・」.
  function fold(text) {
    return (text.normalize ? text.normalize('NFKC') : text)
      .toLowerCase()
      .replace(/[\u30a1-\u30f6]/g, function (c) {
        return String.fromCharCode(c.charCodeAt(0) - 0x60);
      })
      .replace(/[\s\u3000・･]/g, '');
  }

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === 'DETAILS') target.open = true;
  }

  function start() {
    window.addEventListener('hashchange', openTarget);
    openTarget();
    // A link of the jump index to the group already in the address opens it too.
    [].slice.call(document.querySelectorAll('.jump-index a')).forEach(function (a) {
      a.addEventListener('click', function () {
        setTimeout(openTarget, 0);
      });
    });
    var box = document.getElementById('portal-search');
    var list = document.getElementById('by-kana');
    if (!box || !list) return;
    var input = document.getElementById('portal-query');
    var status = document.getElementById('portal-status');
    var others = [document.getElementById('by-prefecture'), document.querySelector('.jump-index')];
    var groups = [].slice.call(list.querySelectorAll('details.union-group')).map(function (details) {
      return {
        details: details,
        open: details.open,
        items: [].slice.call(details.querySelectorAll('li')).map(function (li) {
          return { li: li, text: fold(li.textContent + ' ' + (li.getAttribute('data-search') || '')) };
        }),
      };
    });
    box.hidden = false;
    var last = null;
    function filter() {
      var query = fold(input.value);
      if (query === last) return;
      last = query;
      var found = 0;
      groups.forEach(function (group) {
        var shown = 0;
        group.items.forEach(function (item) {
          var match = !query || item.text.indexOf(query) !== -1;
          item.li.hidden = !match;
          if (match) shown++;
        });
        found += shown;
        group.details.hidden = shown === 0;
        group.details.open = query ? shown > 0 : group.open;
      });
      others.forEach(function (el) {
        if (el) el.hidden = !!query;
      });
      status.textContent = query ? (found ? found + '組合が見つかりました。' : '見つかりませんでした。') : '';
    }
    input.addEventListener('input', filter);
    filter();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
