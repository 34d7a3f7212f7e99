// One municipality's results: charts, the field table with comparison and change, gaps, divergences,
// coverage by role and recommendations.
import { barChart, radarChart } from './charts.js';
import { ApiError, api, download, el, formatDate, formatScore, lt, t } from './common.js';
import { fieldName, lightBadge, link, page, stateBadge, table, view } from './widgets.js';

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

export async function renderMunicipality(id) {
  const d = await api(`/api/dashboard/municipalities/${encodeURIComponent(id)}`);
  const parts = [];
  if (page.me?.coordinator || (page.me?.leadOf?.length ?? 0) > 1)
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
      el('td', { 'data-col': 'level' }, f.level ? lt(page.labels.levels[f.level]) : t('noScore')),
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
        d.score.overall.level ? lt(page.labels.levels[d.score.overall.level]) : t('noScore'),
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
      d.comparison
        ? t('comparison.explain', { date: formatDate(d.comparison.releasedAt) })
        : t('comparison.notEnough', { k: d.minComparisonGroup }),
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
              el('td', {}, lt(page.labels.answers[v.highest])),
              el('td', {}, lt(page.labels.answers[v.lowest])),
              el(
                'td',
                {},
                el(
                  'ul',
                  { class: 'plain' },
                  v.answers.map((a) =>
                    el('li', {}, `${lt(page.labels.roles[a.role])}: ${lt(page.labels.answers[a.value])}`),
                  ),
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
              el('th', { scope: 'row' }, lt(page.labels.roles[c.role])),
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
