// Coordinators manage the municipalities and their registered Microsoft Entra tenants here (?view=municipalities,
// one municipality opened with &edit=<id>). The server applies the same rules as the chat commands and answers
// problems with a code; this page only words them.
import { ApiError, api, el, t, token } from './common.js';
import { $, link, page, table, view } from './widgets.js';

const BASE = '/api/dashboard/admin/municipalities';
const HOME = '/dashboard/?view=municipalities';

/** The outcome of the last action, shown once above the page's content after it is drawn again. */
let notice = null;

async function send(method, path, body) {
  const bearer = await token();
  if (!bearer) throw new ApiError(401, 'no token');
  const headers = { authorization: `Bearer ${bearer}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) throw new ApiError(401, 'sign in again');
  return { ok: res.ok, data: await res.json().catch(() => ({})) };
}

function problemText(data) {
  const p = data.problem;
  switch (data.code) {
    case 'InvalidMunicipality':
      if (p?.kind === 'keyFormat') return t('admin.problem.keyFormat', { digits: p.digits });
      if (p?.kind === 'keyState') return t('admin.problem.keyState', { prefix: p.prefix, state: p.state });
      return t(`admin.problem.${p?.kind ?? 'other'}`);
    case 'InvalidTenantId':
      return t(p === 'consumer' ? 'admin.problem.tenantConsumer' : 'admin.problem.tenantFormat');
    case 'DuplicateName':
      return t(data.existing?.archived ? 'admin.problem.duplicateNameArchived' : 'admin.problem.duplicateName', {
        name: data.existing?.name ?? '',
      });
    case 'DuplicateKey':
      return t('admin.problem.duplicateKey', { name: data.existing?.name ?? '' });
    case 'DemoLocked':
      return t('admin.problem.demo');
    case 'Archived':
      return t('admin.problem.archived');
    case 'Forbidden':
      return t('error.forbidden');
    case 'NotFound':
      return t('admin.problem.notFound');
    default:
      return t('admin.problem.other', { reason: data.message ?? '' });
  }
}

function doneText(data) {
  const name = data.municipality?.name ?? '';
  switch (data.result) {
    case 'tenantRegistered': {
      const text = t(data.added ? 'admin.done.tenantRegistered' : 'admin.done.tenantAlready', {
        name,
        tenant: data.tenantId,
      });
      return data.alsoFor?.length ? `${text} ${t('admin.done.alsoFor', { list: data.alsoFor.join(', ') })}` : text;
    }
    case 'tenantRemoved':
      return t('admin.done.tenantRemoved', { name, tenant: data.tenantId });
    case 'archived':
    case 'restored':
      return t(data.already ? `admin.done.already.${data.result}` : `admin.done.${data.result}`, { name });
    default:
      return t(`admin.done.${data.result}`, { name });
  }
}

/** Runs one change, remembers how it went, and draws the page again (at `next` when it succeeded). */
async function act(method, path, body, next) {
  const { ok, data } = await send(method, path, body);
  notice = ok ? { text: doneText(data), error: false } : { text: problemText(data), error: true };
  if (ok && next) history.pushState(null, '', next(data));
  await page.render();
}

const kindLabel = (kind) => t(`admin.kind.${kind}`);

function field(id, label, control) {
  return el('div', { class: 'field' }, el('label', { for: id }, label), control);
}

function select(id, options, value) {
  const s = el(
    'select',
    { id, name: id },
    options.map(([v, label]) => el('option', { value: v, selected: v === value }, label)),
  );
  return s;
}

/** Name, kind, state and key: the same fields for adding and for changing a municipality. */
function municipalityForm(prefix, data, m, submitLabel, onSubmit) {
  const value = (id) => /** @type {HTMLInputElement} */ ($(`${prefix}-${id}`)).value;
  const form = el(
    'form',
    { class: 'admin-form', id: `${prefix}-form` },
    field(
      `${prefix}-name`,
      t('admin.name'),
      el('input', { id: `${prefix}-name`, required: true, maxlength: 100, value: m?.name ?? '' }),
    ),
    field(
      `${prefix}-kind`,
      t('admin.kind'),
      select(
        `${prefix}-kind`,
        data.kinds.map((k) => [k, kindLabel(k)]),
        m?.kind ?? 'gemeinde',
      ),
    ),
    field(
      `${prefix}-state`,
      t('admin.state'),
      select(
        `${prefix}-state`,
        [['', t('admin.choose')], ...data.states.map((s) => [s.name, `${s.name} (${s.code})`])],
        m?.state ?? '',
      ),
    ),
    field(
      `${prefix}-key`,
      t('admin.key'),
      el('input', {
        id: `${prefix}-key`,
        inputmode: 'numeric',
        maxlength: 12,
        value: m?.officialKey ?? '',
        'aria-describedby': `${prefix}-key-hint`,
      }),
    ),
    el('p', { class: 'note', id: `${prefix}-key-hint` }, t('admin.keyHint')),
    el('button', { type: 'submit' }, submitLabel),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = value('key').trim();
    void onSubmit({
      name: value('name'),
      kind: value('kind'),
      state: value('state'),
      officialKey: key === '' ? null : key,
    });
  });
  return form;
}

function editPanel(data, m) {
  const path = `${BASE}/${encodeURIComponent(m.id)}`;
  const parts = [el('h2', { id: 'edit-h' }, t('admin.editTitle', { name: m.name }))];
  if (m.demo) parts.push(el('p', { class: 'note' }, t('admin.problem.demo')));
  else if (m.archived) parts.push(el('p', { class: 'note' }, t('admin.archivedNote')));
  else parts.push(municipalityForm('edit', data, m, t('admin.save'), (body) => act('PATCH', path, body)));

  parts.push(el('h3', {}, t('admin.tenants')));
  parts.push(
    m.tenants.length === 0
      ? el('p', { class: 'muted' }, t('admin.noTenants'))
      : el(
          'ul',
          { class: 'tenants' },
          m.tenants.map((tenant) => {
            const remove = el(
              'button',
              { type: 'button', class: 'secondary', 'aria-label': t('admin.removeTenantLabel', { tenant }) },
              t('admin.remove'),
            );
            remove.addEventListener('click', () => void act('DELETE', `${path}/tenants/${encodeURIComponent(tenant)}`));
            return el('li', { 'data-tenant': tenant }, el('code', {}, tenant), ' ', remove);
          }),
        ),
  );
  if (!m.demo && !m.archived) {
    const input = el('input', {
      id: 'tenant-id',
      required: true,
      maxlength: 40,
      size: 40,
      spellcheck: 'false',
      autocomplete: 'off',
      'aria-describedby': 'tenant-hint',
    });
    const form = el(
      'form',
      { class: 'admin-form', id: 'tenant-form' },
      field('tenant-id', t('admin.tenantId'), input),
      el('p', { class: 'note', id: 'tenant-hint' }, t('admin.tenantHint')),
      el('button', { type: 'submit' }, t('admin.register')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void act('POST', `${path}/tenants`, { tenantId: /** @type {HTMLInputElement} */ (input).value.trim() });
    });
    parts.push(form);
  }
  if (!m.demo) {
    const archive = el(
      'button',
      { type: 'button', id: 'archive', class: 'secondary' },
      t(m.archived ? 'admin.restore' : 'admin.archive'),
    );
    archive.addEventListener('click', () => void act('POST', `${path}/${m.archived ? 'restore' : 'archive'}`));
    parts.push(
      el('h3', {}, t('admin.archiveTitle')),
      el('p', { class: 'note' }, t(m.archived ? 'admin.restoreHint' : 'admin.archiveHint')),
      archive,
    );
  }
  return el('section', { class: 'card admin-edit', 'aria-labelledby': 'edit-h', 'data-municipality': m.id }, parts);
}

function statusText(m) {
  return m.demo ? t('admin.status.demo') : m.archived ? t('admin.status.archived') : t('admin.status.active');
}

export async function renderAdmin(editId) {
  const data = await api(BASE);
  const parts = [
    el('p', {}, link('/dashboard/', t('detail.back'), { class: 'back' })),
    el('h1', {}, t('admin.title')),
    el('p', { class: 'muted' }, t('admin.intro')),
  ];
  if (notice) {
    parts.push(
      el(
        'p',
        {
          id: 'admin-notice',
          class: notice.error ? 'error' : 'note done',
          role: notice.error ? 'alert' : 'status',
          tabindex: '-1',
        },
        notice.text,
      ),
    );
  }
  const editing = editId ? data.municipalities.find((m) => m.id === editId) : undefined;
  if (editing) parts.push(editPanel(data, editing));
  parts.push(
    el('h2', {}, t('admin.listTitle', { count: data.municipalities.length })),
    table(
      t('admin.listTitle', { count: data.municipalities.length }),
      [
        t('col.municipality'),
        t('admin.kind'),
        t('admin.state'),
        t('admin.key'),
        `#${t('admin.tenants')}`,
        t('admin.status'),
      ],
      data.municipalities.map((m) =>
        el(
          'tr',
          { 'data-municipality': m.id, class: m.archived ? 'archived' : null },
          el('th', { scope: 'row' }, link(`${HOME}&edit=${encodeURIComponent(m.id)}`, m.name)),
          el('td', {}, kindLabel(m.kind)),
          el('td', {}, m.state),
          el('td', { 'data-col': 'key' }, m.officialKey ?? '–'),
          el('td', { class: 'num', 'data-col': 'tenants' }, String(m.tenants.length)),
          el('td', { 'data-col': 'status' }, statusText(m)),
        ),
      ),
      { class: 'municipalities' },
    ),
    el(
      'section',
      { class: 'card admin-new', 'aria-labelledby': 'new-h' },
      el('h2', { id: 'new-h' }, t('admin.newTitle')),
      municipalityForm('new', data, null, t('admin.create'), (body) =>
        act('POST', BASE, body, (created) => `${HOME}&edit=${encodeURIComponent(created.municipality.id)}`),
      ),
    ),
  );
  view().replaceChildren(...parts);
  if (notice) $('admin-notice').focus();
  notice = null;
}
