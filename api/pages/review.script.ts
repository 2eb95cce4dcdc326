/**
 * The one script the UI serves (/static/review.js, CSP script-src 'self'): keyboard shortcuts for the
 * review queue and a finding's page. Everything it does is also possible with the plain forms, so the
 * pages work without it. Written as ES2017 for any browser an officer may have; no dependencies.
 */
export const reviewScript = `(function () {
  'use strict';
  function typing(e) {
    var t = e.target;
    return t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
  }
  var queue = document.getElementById('queue');
  var bulk = document.getElementById('bulk');
  if (queue && bulk) {
    var rows = Array.prototype.slice.call(queue.querySelectorAll('tbody tr'));
    var current = -1;
    var select = function (i) {
      if (!rows.length) return;
      current = Math.max(0, Math.min(rows.length - 1, i));
      rows.forEach(function (r, j) { r.classList.toggle('current', j === current); r.setAttribute('aria-selected', j === current ? 'true' : 'false'); });
      rows[current].scrollIntoView({ block: 'nearest' });
    };
    var only = function () {
      if (current < 0) return false;
      Array.prototype.forEach.call(bulk.querySelectorAll('input[name=ids]'), function (box) { box.checked = false; });
      var box = rows[current].querySelector('input[name=ids]');
      if (box) box.checked = true;
      return !!box;
    };
    var reason = document.getElementById('bulk-reason');
    if (reason) reason.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { e.preventDefault(); if (reason.value.trim()) bulk.requestSubmit(document.getElementById('bulk-dismiss')); }
      if (e.key === 'Escape') reason.blur();
    });
    document.addEventListener('keydown', function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
      var link;
      switch (e.key) {
        case 'j': select(current + 1); break;
        case 'k': select(current - 1); break;
        case 'o': case 'Enter':
          if (current < 0) return;
          link = rows[current].querySelector('a');
          if (link) window.location.href = link.href;
          break;
        case 'x':
          if (current < 0) return;
          link = rows[current].querySelector('input[name=ids]');
          if (link) link.checked = !link.checked;
          break;
        case 'c': if (only()) bulk.requestSubmit(document.getElementById('bulk-confirm')); break;
        case 'd': if (only() && reason) reason.focus(); break;
        case 'a': if (current >= 0) { only(); var who = document.getElementById('bulk-assignee'); if (who) who.focus(); } break;
        case '/': var first = document.querySelector('#queue-filters select, #queue-filters input'); if (first) first.focus(); break;
        default: return;
      }
      e.preventDefault();
    });
    return;
  }
  var confirmForm = document.getElementById('confirm-form');
  var dismissReason = document.getElementById('dismiss-reason');
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
    var link;
    switch (e.key) {
      case 'c': if (!confirmForm) return; confirmForm.requestSubmit(); break;
      case 'd': if (!dismissReason) return; dismissReason.focus(); break;
      case 'j': link = document.getElementById('next-finding'); if (!link) return; window.location.href = link.href; break;
      case 'k': window.history.back(); break;
      case 'u': link = document.getElementById('back-to-queue'); if (link) window.location.href = link.href; break;
      default: return;
    }
    e.preventDefault();
  });
})();
`;
