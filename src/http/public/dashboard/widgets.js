// Pieces the dashboard's views share: element lookup, the page's state, links, badges and tables.
import { el, lt, t } from './common.js';

export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
export const view = () => $('view');

/** The scale labels and the signed-in person once loaded; `render` draws the current view again (set by app.js). */
export const page = { labels: null, me: null, render: () => Promise.resolve() };

export function fieldName(id) {
  return lt(page.labels?.fields?.[id]) || id;
}

export function stateBadge(state) {
  return el('span', { class: `badge state-${state}`, 'data-state': state }, t(`state.${state}`));
}

export function lightBadge(light) {
  if (!light) return el('span', { class: 'muted' }, t('noScore'));
  return el(
    'span',
    { class: `light light-${light}`, 'data-light': light },
    el('span', { class: 'dot', 'aria-hidden': 'true' }),
    lt(page.labels.trafficLights[light]),
  );
}

export function link(href, text, attrs = {}) {
  const a = el('a', { href, ...attrs }, text);
  // In-page navigation keeps the signed-in state and the Teams frame; real links still work when opened anew.
  a.addEventListener('click', (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    history.pushState(null, '', href);
    void page.render();
  });
  return a;
}

/** Column headings starting with '#' are numeric (right-aligned like their cells). */
export function table(caption, head, rows, attrs = {}) {
  const th = (h) =>
    h.startsWith('#') ? el('th', { scope: 'col', class: 'num' }, h.slice(1)) : el('th', { scope: 'col' }, h);
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      attrs,
      el('caption', { class: 'sr-only' }, caption),
      el('thead', {}, el('tr', {}, head.map(th))),
      el('tbody', {}, rows),
    ),
  );
}
