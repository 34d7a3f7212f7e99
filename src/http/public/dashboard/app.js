// The dashboard page: personal tab "Mein Überblick", channel tab content and the browser page in one.
// Views by query: ?municipality=<id> (deep links from the summary cards), otherwise the overview.
import {
  ApiError,
  api,
  applyTheme,
  el,
  formatDate,
  formatScore,
  host,
  initHost,
  loadCatalog,
  locale,
  setLocale,
  signInLocal,
  signOutLocal,
  t,
  teams,
} from './common.js';
import { renderMunicipality } from './municipality.js';
import { renderAdmin } from './admin.js';
import { $, fieldName, lightBadge, link, page, stateBadge, table, view } from './widgets.js';

const params = () => new URLSearchParams(location.search);

function status(text) {
  $('status').textContent = text ?? '';
}

function translateChrome() {
  document.title = t('documentTitle');
  $('skip').textContent = t('skip');
  $('home').textContent = t('brand');
  $('lang-label').textContent = t('language');
  $('theme-label').textContent = t('theme');
  for (const option of /** @type {HTMLSelectElement} */ ($('theme')).options)
    option.textContent = t(`theme.${option.value}`);
  $('signout').textContent = t('signOut');
  // Local identities have no display name: the object id part of the key is enough to tell them apart.
  const name = page.me?.name ?? page.me?.identityKey?.split(':').pop();
  $('who').textContent = name ? t('signedInAs', { who: name }) : '';
  $('who').title = page.me?.identityKey ?? '';
}

function progressBars(fields) {
  return el(
    'div',
    { class: 'mini' },
    fields.map((f) => {
      const share = f.applicable > 0 ? f.answered / f.applicable : 0;
      const label = t('progressLabel', {
        field: fieldName(f.fieldId),
        answered: f.answered,
        applicable: f.applicable,
        state: t(`state.${f.state}`),
      });
      return el(
        'span',
        {
          class: `mini-field state-${f.state}`,
          role: 'img',
          'aria-label': label,
          title: label,
          'data-field': f.fieldId,
          'data-answered': f.answered,
          'data-applicable': f.applicable,
        },
        el('span', { class: 'mini-id', 'aria-hidden': 'true' }, f.fieldId),
        el(
          'span',
          { class: 'mini-track', 'aria-hidden': 'true' },
          el('span', { class: `mini-fill w${Math.round(share * 20) * 5}` }),
        ),
      );
    }),
  );
}

async function renderOverview() {
  const overview = await api('/api/dashboard/overview');
  const parts = [];
  // Coordinators manage the municipalities and their tenants on a page of its own.
  if (page.me?.coordinator)
    parts.push(
      el(
        'p',
        { class: 'admin-link' },
        link('/dashboard/?view=municipalities', t('admin.link')),
        ' · ',
        link('/dashboard/?view=audit', t('audit.link')),
      ),
    );
  if (overview.municipalities.length > 0) {
    parts.push(
      el('h1', {}, overview.scope === 'all' ? t('overview.title') : t('overview.titleAssigned')),
      el('p', { class: 'muted' }, t('overview.intro', { days: overview.stalledDays })),
      table(
        t('overview.title'),
        [
          t('col.municipality'),
          t('col.state'),
          `#${t('col.round')}`,
          `#${t('col.respondents')}`,
          `#${t('col.overall')}`,
          t('col.progress'),
          t('col.lastAnswer'),
        ],
        overview.municipalities.map((row) =>
          el(
            'tr',
            { 'data-municipality': row.municipality.id },
            el(
              'th',
              { scope: 'row' },
              link(`/dashboard/?municipality=${encodeURIComponent(row.municipality.id)}`, row.municipality.name),
            ),
            el('td', {}, stateBadge(row.state)),
            el('td', { class: 'num' }, row.round ? String(row.round.round) : t('noScore')),
            el('td', { class: 'num', 'data-col': 'respondents' }, String(row.respondents)),
            el('td', { class: 'num', 'data-col': 'overall' }, formatScore(row.overall.score)),
            el('td', {}, progressBars(row.fields)),
            el('td', {}, formatDate(row.round?.lastAnswerAt)),
          ),
        ),
        { class: 'overview' },
      ),
    );
  } else if (!page.me?.own) {
    parts.push(el('h1', {}, t('me.title')), el('p', {}, t('me.none')));
  }
  // Respondents see their own answers only; for leads and coordinators they follow the overview.
  if (page.me?.own && page.me.municipality) parts.push(renderMine(overview.municipalities.length > 0 ? 'h2' : 'h1'));
  view().replaceChildren(...parts);
}

function renderMine(heading) {
  return el(
    'section',
    { 'aria-labelledby': 'mine-h' },
    el(heading, { id: 'mine-h' }, t('me.title')),
    el('p', { class: 'muted' }, t('me.intro', { municipality: page.me.municipality.name })),
    table(
      t('me.title'),
      [t('col.field'), `#${t('col.answered')}`, `#${t('col.score')}`, t('col.light')],
      page.me.own.fields.map((f) =>
        el(
          'tr',
          { 'data-field': f.fieldId },
          el('th', { scope: 'row' }, fieldName(f.fieldId)),
          el('td', { class: 'num' }, t('answered', { answered: f.answered, applicable: f.applicable })),
          el('td', { class: 'num' }, formatScore(f.score)),
          el('td', {}, lightBadge(f.trafficLight)),
        ),
      ),
    ),
  );
}

function renderLocalSignIn() {
  const input = el('input', {
    id: 'identity',
    name: 'identity',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    size: 48,
  });
  const form = el(
    'form',
    { class: 'card signin' },
    el('h1', {}, t('local.title')),
    el('p', {}, t('local.intro')),
    el('label', { for: 'identity' }, t('local.identity')),
    input,
    el('button', { type: 'submit', id: 'signin' }, t('local.signIn')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    signInLocal(/** @type {HTMLInputElement} */ (input).value)
      .then(() => render())
      .catch((err) => status(String(err.message ?? err)));
  });
  view().replaceChildren(form);
  input.focus();
}

async function render() {
  translateChrome();
  status(t('loading'));
  try {
    page.labels ??= await (await fetch('/api/dashboard/labels')).json();
    page.me = await api('/api/dashboard/me');
    translateChrome();
    $('signout').hidden = host.inTeams;
    // A channel tab or a deep link names the municipality; a Teams deep link may carry it as subPageId.
    const id = params().get('municipality') ?? host.context?.page?.subPageId ?? null;
    if (params().get('view') === 'municipalities') await renderAdmin(params().get('edit'));
    else if (params().get('view') === 'audit')
      // Loaded only when asked for: coordinators' page, not part of every load.
      await (await import('./audit.js')).renderAudit(params().get('municipality'), params().get('before'));
    else if (id) await renderMunicipality(id);
    else if (!page.me.coordinator && page.me.leadOf.length === 1) await renderMunicipality(page.me.leadOf[0].id);
    else await renderOverview();
    status('');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && !host.inTeams) {
      const config = await (await fetch('/api/dashboard/auth-config')).json();
      status('');
      $('signout').hidden = true;
      if (config.localSignIn) renderLocalSignIn();
      else view().replaceChildren(el('p', { class: 'error' }, t('error.notInTeams')));
      return;
    }
    const key =
      err instanceof ApiError
        ? err.status === 403
          ? 'error.forbidden'
          : err.status === 404
            ? 'error.notFound'
            : err.status === 401
              ? 'error.unauthorized'
              : 'error.load'
        : host.inTeams
          ? 'error.sso'
          : 'error.load';
    status('');
    view().replaceChildren(
      el('p', { class: 'error', role: 'alert' }, t(key, { reason: String(err?.message ?? err) })),
      err instanceof ApiError && (err.status === 403 || err.status === 404)
        ? el('p', {}, link('/dashboard/', t('home')))
        : null,
    );
  }
  if (host.inTeams) teams().app.notifySuccess?.();
}

async function main() {
  page.render = render;
  await Promise.all([loadCatalog(), initHost()]);
  const query = params();
  const teamsLocale = host.context?.app?.locale ?? '';
  setLocale(query.get('lang') ?? (teamsLocale ? teamsLocale.slice(0, 2) : navigator.language.slice(0, 2)));
  const langSelect = /** @type {HTMLSelectElement} */ ($('lang'));
  langSelect.value = locale();
  langSelect.addEventListener('change', () => {
    setLocale(langSelect.value);
    void render();
  });
  const themeSelect = /** @type {HTMLSelectElement} */ ($('theme'));
  if (host.inTeams) {
    // Teams decides the theme and tells the tab when it changes; the page's own switch is for browsers.
    $('theme-box').hidden = true;
    applyTheme(host.context?.app?.theme);
    teams().app.registerOnThemeChangeHandler((theme) => applyTheme(theme));
  } else {
    themeSelect.value = applyTheme(
      query.get('theme') ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default'),
    );
    themeSelect.addEventListener('change', () => applyTheme(themeSelect.value));
  }
  $('signout').addEventListener('click', () => {
    signOutLocal();
    page.me = null;
    void render();
  });
  window.addEventListener('popstate', () => void render());
  await render();
}

void main();
