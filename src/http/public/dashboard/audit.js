// The audit trail for coordinators (?view=audit, filtered with &municipality=<id>, older pages with &before=<entry id>).
// People appear as pseudonyms only; the server checks the role (403 for anyone else) and the parameters.
import { api, el, t } from './common.js';
import { link, page, table, view } from './widgets.js';

const HOME = '/dashboard/?view=audit';

const TIME = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** dd.mm.yyyy HH:MM in German civil time, in both languages (the same form as in the chat). */
function when(iso) {
  const parts = TIME.formatToParts(new Date(iso));
  const part = (type) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

/** A catalog text for a value from the trail, or the value itself when this page does not know it. */
function worded(prefix, value) {
  const key = `${prefix}.${value}`;
  const text = t(key);
  return text === key ? String(value) : text;
}

const ORDER = ['role', 'kind', 'via', 'codeStart', 'maxUses', 'tenant', 'round', 'format', 'answersRemoved'];

function detailText(key, value) {
  switch (key) {
    case 'role':
      return t('audit.detail.role', { role: worded('audit.detail.role', value) });
    case 'kind':
    case 'via':
      return worded(`audit.detail.${key}`, value);
    case 'codeStart':
      return t('audit.detail.codeStart', { codeStart: value });
    case 'maxUses':
    case 'answersRemoved':
      return t(`audit.detail.${key}`, { count: value });
    case 'tenant':
      return t('audit.detail.tenant', { tenant: value });
    case 'round':
      return t('audit.detail.round', { round: value });
    case 'format':
      return t('audit.detail.format', { format: String(value).toUpperCase() });
    default:
      return t('audit.detail.other', { key, value: String(value) });
  }
}

function details(detail) {
  const rank = (k) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  return Object.keys(detail ?? {})
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((k) => detailText(k, detail[k]))
    .join(', ');
}

const pseudonym = (p) => (p ? el('code', {}, p) : el('span', { class: 'muted' }, t('audit.system')));

function filter(data, municipalityId) {
  const select = el(
    'select',
    { id: 'audit-municipality', name: 'municipality' },
    el('option', { value: '', selected: !municipalityId }, t('audit.all')),
    [...data.municipalities]
      .sort((a, b) => a.name.localeCompare(b.name, 'de'))
      .map((m) => el('option', { value: m.id, selected: m.id === municipalityId }, m.name)),
  );
  select.addEventListener('change', () => {
    const id = /** @type {HTMLSelectElement} */ (select).value;
    history.pushState(null, '', id ? `${HOME}&municipality=${encodeURIComponent(id)}` : HOME);
    void page.render();
  });
  return el('div', { class: 'audit-filter' }, el('label', { for: 'audit-municipality' }, t('audit.filter')), select);
}

export async function renderAudit(municipalityId, beforeId) {
  const query = new URLSearchParams();
  if (municipalityId) query.set('municipality', municipalityId);
  if (beforeId) query.set('before', beforeId);
  const qs = query.toString();
  const data = await api(`/api/dashboard/audit${qs ? `?${qs}` : ''}`);
  const scoped = data.municipality ? `${HOME}&municipality=${encodeURIComponent(data.municipality.id)}` : HOME;
  const parts = [
    el('p', {}, link('/dashboard/', t('detail.back'), { class: 'back' })),
    el('h1', {}, data.municipality ? t('audit.titleOf', { name: data.municipality.name }) : t('audit.title')),
    el('p', { class: 'muted' }, t('audit.intro')),
    filter(data, data.municipality?.id ?? ''),
  ];
  if (beforeId) parts.push(el('p', { class: 'note' }, link(scoped, t('audit.newest'), { id: 'audit-newest' })));
  if (data.entries.length === 0) parts.push(el('p', { class: 'muted', id: 'audit-empty' }, t('audit.empty')));
  else
    parts.push(
      table(
        t('audit.title'),
        [
          t('audit.col.at'),
          t('audit.col.action'),
          t('audit.col.actor'),
          t('audit.col.subject'),
          t('col.municipality'),
          t('audit.col.details'),
        ],
        data.entries.map((e) =>
          el(
            'tr',
            { 'data-entry': e.id, 'data-action': e.action },
            el('td', { class: 'nowrap', 'data-col': 'at' }, when(e.at)),
            el('th', { scope: 'row', 'data-col': 'action' }, worded('audit.action', e.action)),
            el('td', { 'data-col': 'actor' }, pseudonym(e.actor)),
            el('td', { 'data-col': 'subject' }, e.subject ? el('code', {}, e.subject) : ''),
            el('td', { 'data-col': 'municipality' }, e.municipality?.name ?? ''),
            el('td', { 'data-col': 'details' }, details(e.detail)),
          ),
        ),
        { class: 'audit' },
      ),
    );
  const last = data.entries[data.entries.length - 1];
  if (data.more && last)
    parts.push(
      el('p', {}, link(`${scoped}&before=${encodeURIComponent(last.id)}`, t('audit.older'), { id: 'audit-older' })),
    );
  view().replaceChildren(...parts);
}
