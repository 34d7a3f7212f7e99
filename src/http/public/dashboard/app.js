// The dashboard page: personal tab "Mein Überblick", channel tab content and the browser page in one.
// Views by query: ?municipality=<id> (deep links from the summary cards), otherwise the overview.
import { barChart, radarChart } from './charts.js';
import {
  ApiError,
  api,
  download,
  applyTheme,
  el,
  formatDate,
  formatScore,
  host,
  initHost,
  loadCatalog,
  locale,
  lt,
  setLocale,
  signInLocal,
  signOutLocal,
  t,
  teams,
} from './common.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const view = () => $('view');
let labels = null;
let me = null;

const params = () => new URLSearchParams(location.search);

/** A real link (keyboard, screen readers, "open in new tab" fall back to it) that downloads with the token. */
function exportLink(href, label) {
  const a = el('a', { href, download: '' }, label);
  a.addEventListener('click', (event) => {
    event.preventDefault();
    a.setAttribute('aria-busy', 'true');
    download(href)
      .catch((err) =>
        window.alert(`${label}: ${err instanceof ApiError && err.status === 403 ? t('error.forbidden') : err.message}`),
      )
      .finally(() => a.removeAttribute('aria-busy'));
  });
  return a;
}

function fieldName(id) {
  return lt(labels?.fields?.[id]) || id;
}

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
  const name = me?.name ?? me?.identityKey?.split(':').pop();
  $('who').textContent = name ? t('signedInAs', { who: name }) : '';
  $('who').title = me?.identityKey ?? '';
}

function stateBadge(state) {
  return el('span', { class: `badge state-${state}`, 'data-state': state }, t(`state.${state}`));
}

function lightBadge(light) {
  if (!light) return el('span', { class: 'muted' }, t('noScore'));
  return el(
    'span',
    { class: `light light-${light}`, 'data-light': light },
    el('span', { class: 'dot', 'aria-hidden': 'true' }),
    lt(labels.trafficLights[light]),
  );
}

function link(href, text, attrs = {}) {
  const a = el('a', { href, ...attrs }, text);
  // In-page navigation keeps the signed-in state and the Teams frame; real links still work when opened anew.
  a.addEventListener('click', (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    history.pushState(null, '', href);
    void render();
  });
  return a;
}

/** Column headings starting with '#' are numeric (right-aligned like their cells). */
function table(caption, head, rows, attrs = {}) {
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
  } else if (!me?.own) {
    parts.push(el('h1', {}, t('me.title')), el('p', {}, t('me.none')));
  }
  // Respondents see their own answers only; for leads and coordinators they follow the overview.
  if (me?.own && me.municipality) parts.push(renderMine(overview.municipalities.length > 0 ? 'h2' : 'h1'));
  view().replaceChildren(...parts);
}

function renderMine(heading) {
  return el(
    'section',
    { 'aria-labelledby': 'mine-h' },
    el(heading, { id: 'mine-h' }, t('me.title')),
    el('p', { class: 'muted' }, t('me.intro', { municipality: me.municipality.name })),
    table(
      t('me.title'),
      [t('col.field'), `#${t('col.answered')}`, `#${t('col.score')}`, t('col.light')],
      me.own.fields.map((f) =>
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

function comparisonText(c) {
  if (!c || c.status !== 'ok') return t('comparison.fieldNotEnough');
  return t('comparison.cell', {
    median: formatScore(c.median),
    lower: formatScore(c.lowerQuartile),
    upper: formatScore(c.upperQuartile),
    position: t(`position.${c.position}`),
  });
}

function changeText(ch) {
  if (!ch) return t('noScore');
  if (ch.delta === null) return t('change.not_comparable');
  const sign = ch.delta > 0 ? '+' : ch.delta < 0 ? '−' : '±';
  return `${sign}${formatScore(Math.abs(ch.delta))} (${t(`change.${ch.direction}`)})`;
}

async function renderMunicipality(id) {
  const d = await api(`/api/dashboard/municipalities/${encodeURIComponent(id)}`);
  const parts = [];
  if (me?.coordinator || (me?.leadOf?.length ?? 0) > 1)
    parts.push(el('p', {}, link('/dashboard/', t('detail.back'), { class: 'back' })));
  parts.push(el('h1', { 'data-municipality': d.municipality.id }, d.municipality.name, ' ', stateBadge(d.state)));
  parts.push(
    el(
      'p',
      { class: 'muted meta' },
      t('detail.meta', {
        region: d.municipality.region,
        round: d.round ? t('roundOf', { round: d.round.round }) : t('noScore'),
        roundState: d.round ? t(`round.${d.round.status}`) : t('noScore'),
        respondents: d.respondents,
        last: formatDate(d.round?.lastAnswerAt),
      }),
    ),
  );
  if (d.exports) {
    parts.push(
      el(
        'nav',
        { class: 'exports', 'aria-label': t('exports.title') },
        el('span', { class: 'muted' }, `${t('exports.title')}:`),
        ...['pdf', 'csv', 'json'].map((format) => exportLink(d.exports[format], t(`exports.${format}`))),
      ),
    );
  }
  if (!d.score) {
    parts.push(el('p', {}, t('detail.noAnswers')));
    view().replaceChildren(...parts);
    return;
  }
  const comparison = d.comparison?.fields ?? null;
  // Narrow tabs (phones, side panels) get a narrower drawing so the labels keep a readable size.
  const width = Math.round(Math.min(600, Math.max(300, view().clientWidth - 40)));
  const chartOpts = { name: fieldName, format: formatScore, comparison, medianLabel: t('chart.median'), width };
  parts.push(
    el('h2', {}, t('fields.title')),
    el(
      'div',
      { class: 'charts' },
      el(
        'figure',
        { class: 'card' },
        barChart(d.score.fields, { ...chartOpts, title: t('chart.bars') }),
        el(
          'figcaption',
          {},
          t('chart.bars'),
          comparison
            ? el(
                'span',
                { class: 'legend' },
                el('span', { class: 'key-median', 'aria-hidden': 'true' }),
                t('chart.median'),
                el('span', { class: 'key-iqr', 'aria-hidden': 'true' }),
                t('chart.quartiles'),
              )
            : null,
        ),
      ),
      el(
        'figure',
        { class: 'card' },
        radarChart(d.score.fields, { ...chartOpts, title: t('chart.radar') }),
        el(
          'figcaption',
          {},
          t('chart.radar'),
          comparison
            ? el(
                'span',
                { class: 'legend' },
                el('span', { class: 'key-median-shape', 'aria-hidden': 'true' }),
                t('chart.median'),
              )
            : null,
        ),
      ),
    ),
  );
  const fieldRows = d.score.fields.map((f) => {
    const progress = d.fields.find((p) => p.fieldId === f.fieldId);
    return el(
      'tr',
      { 'data-field': f.fieldId },
      el('th', { scope: 'row' }, el('span', { class: 'fid' }, f.fieldId), ' ', fieldName(f.fieldId)),
      el('td', { class: 'num score', 'data-col': 'score' }, formatScore(f.score)),
      el('td', { 'data-col': 'level' }, f.level ? lt(labels.levels[f.level]) : t('noScore')),
      el('td', { 'data-col': 'light' }, lightBadge(f.trafficLight)),
      el(
        'td',
        { class: 'num', 'data-col': 'answered' },
        t('answered', { answered: f.answered, applicable: f.applicable }),
        progress ? [' ', stateBadge(progress.state)] : null,
      ),
      el(
        'td',
        { 'data-col': 'comparison' },
        d.comparison ? comparisonText(d.comparison.fields[f.fieldId]) : t('noScore'),
      ),
      el('td', { class: 'num', 'data-col': 'change' }, changeText(d.change?.fields?.[f.fieldId])),
    );
  });
  fieldRows.push(
    el(
      'tr',
      { 'data-field': 'overall', class: 'total' },
      el('th', { scope: 'row' }, t('overall')),
      el('td', { class: 'num score', 'data-col': 'score' }, formatScore(d.score.overall.score)),
      el(
        'td',
        { 'data-col': 'level' },
        d.score.overall.level ? lt(labels.levels[d.score.overall.level]) : t('noScore'),
      ),
      el('td', { 'data-col': 'light' }, lightBadge(d.score.overall.trafficLight)),
      el(
        'td',
        { class: 'num', 'data-col': 'answered' },
        t('answered', { answered: d.score.overall.answered, applicable: d.score.overall.applicable }),
      ),
      el('td', { 'data-col': 'comparison' }, d.comparison ? comparisonText(d.comparison.overall) : t('noScore')),
      el('td', { class: 'num', 'data-col': 'change' }, changeText(d.change?.overall)),
    ),
  );
  parts.push(
    table(
      t('fields.title'),
      [
        t('col.field'),
        `#${t('col.score')}`,
        t('col.level'),
        t('col.light'),
        t('col.answered'),
        t('col.comparison'),
        `#${t('col.change')}`,
      ],
      fieldRows,
      { class: 'fields' },
    ),
  );
  parts.push(
    el(
      'p',
      { class: 'note', id: 'comparison-note' },
      d.comparison ? t('comparison.explain') : t('comparison.notEnough', { k: d.minComparisonGroup }),
    ),
  );
  parts.push(
    el(
      'p',
      { class: 'note', id: 'change-note' },
      d.previousRound ? t('change.since', { round: d.previousRound.round }) : t('change.none'),
      d.change && !d.change.sameQuestionnaireVersion ? ` ${t('change.versions')}` : '',
    ),
  );

  parts.push(el('h2', {}, t('gaps.title')));
  parts.push(
    d.knowledgeGaps.length === 0
      ? el('p', {}, t('gaps.none'))
      : el(
          'ul',
          { class: 'gaps' },
          d.knowledgeGaps.map((g) =>
            el('li', { 'data-question': g.questionId }, el('span', { class: 'qid' }, g.questionId), ' ', lt(g.text)),
          ),
        ),
  );

  parts.push(el('h2', {}, t('divergences.title')), el('p', { class: 'muted' }, t('divergences.intro')));
  parts.push(
    d.divergences.length === 0
      ? el('p', {}, t('divergences.none'))
      : table(
          t('divergences.title'),
          [t('col.question'), t('col.highest'), t('col.lowest'), t('col.answersByRole')],
          d.divergences.map((v) =>
            el(
              'tr',
              { 'data-question': v.questionId },
              el('th', { scope: 'row' }, el('span', { class: 'qid' }, v.questionId), ' ', lt(v.text)),
              el('td', {}, lt(labels.answers[v.highest])),
              el('td', {}, lt(labels.answers[v.lowest])),
              el(
                'td',
                {},
                el(
                  'ul',
                  { class: 'plain' },
                  v.answers.map((a) => el('li', {}, `${lt(labels.roles[a.role])}: ${lt(labels.answers[a.value])}`)),
                ),
              ),
            ),
          ),
          { class: 'divergences' },
        ),
  );

  parts.push(el('h2', {}, t('coverage.title')));
  parts.push(
    d.coverage === null
      ? el('p', { class: 'muted' }, t('coverage.hidden'))
      : table(
          t('coverage.title'),
          [t('col.role'), `#${t('col.respondents')}`, t('col.fieldsCovered'), `#${t('col.answers')}`],
          d.coverage.map((c) =>
            el(
              'tr',
              { 'data-role': c.role },
              el('th', { scope: 'row' }, lt(labels.roles[c.role])),
              el('td', { class: 'num', 'data-col': 'respondents' }, String(c.respondents)),
              el('td', {}, c.fields.join(', ')),
              el('td', { class: 'num', 'data-col': 'answers' }, String(c.answers)),
            ),
          ),
          { class: 'coverage' },
        ),
  );

  if (d.recommendations.length > 0) {
    parts.push(
      el('h2', {}, t('recommendations.title')),
      el(
        'ul',
        { class: 'recommendations' },
        d.recommendations.map((r) => el('li', {}, el('span', { class: 'fid' }, r.fieldId), ' ', lt(r.text))),
      ),
    );
  }
  view().replaceChildren(...parts);
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
    labels ??= await (await fetch('/api/dashboard/labels')).json();
    me = await api('/api/dashboard/me');
    translateChrome();
    $('signout').hidden = host.inTeams;
    // A channel tab or a deep link names the municipality; a Teams deep link may carry it as subPageId.
    const id = params().get('municipality') ?? host.context?.page?.subPageId ?? null;
    if (id) await renderMunicipality(id);
    else if (!me.coordinator && me.leadOf.length === 1) await renderMunicipality(me.leadOf[0].id);
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
    me = null;
    void render();
  });
  window.addEventListener('popstate', () => void render());
  await render();
}

void main();
