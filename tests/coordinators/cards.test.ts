import { releasedFrom } from '../support/released';
import { renderChannelSummaryCard } from '../../cards/channelSummaryCard';
import { renderComparisonCard } from '../../cards/comparisonCard';
import { renderReminderCard } from '../../cards/reminderCard';
import { DASHBOARD_TAB_ENTITY_ID, dashboardLink } from '../../src/services/dashboardLinks';
import {
  FIELD_IDS,
  changeBetweenRounds,
  compareWithRelease,
  currentQuestionnaire,
  scoreAssessment,
  type AnswerMap,
  type AnswerValue,
  type Locale,
} from '../../src/domain/selbstcheck';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, ctx: unknown): void;
    validateProperties(): { validationEvents: unknown[] };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

const q = currentQuestionnaire();
const SCALE: readonly AnswerValue[] = ['full', 'partial', 'planned', 'none', 'unknown'];
const answers = (offset: number): AnswerMap =>
  Object.fromEntries(q.questions.map((x, i) => [x.id, SCALE.at((i * 3 + offset) % SCALE.length)!]));
const score = (offset: number) => scoreAssessment(q, answers(offset));

const TEAMS_APP_ID = '3f2a1c9e-7b1d-4c55-9a0e-2b6d8f1e4a77';
const TEAMS_LINK = dashboardLink({ publicBaseUrl: 'https://bot.example.org', teamsAppId: TEAMS_APP_ID })('potsdam');
const BROWSER_LINK = dashboardLink({ publicBaseUrl: 'https://bot.example.org', teamsAppId: undefined })('bad homburg');

function cards(locale: Locale) {
  return {
    field: renderChannelSummaryCard({
      locale,
      municipalityName: 'Potsdam',
      event: { kind: 'field_completed', fieldId: 'IO', role: 'integration_officer' },
      respondents: 3,
      score: score(0),
      dashboardUrl: TEAMS_LINK,
    }),
    complete: renderChannelSummaryCard({
      locale,
      municipalityName: 'Potsdam',
      event: { kind: 'assessment_completed' },
      respondents: 3,
      score: score(1),
    }),
    comparison: renderComparisonCard({
      locale,
      municipalityName: 'Potsdam',
      comparison: compareWithRelease(score(0), releasedFrom([1, 2, 3, 4, 5, 6].map(score))),
      change: { previousRound: 1, change: changeBetweenRounds(score(3), score(0)) },
      dashboardUrl: BROWSER_LINK,
    }),
    comparisonFew: renderComparisonCard({
      locale,
      municipalityName: 'Potsdam',
      comparison: compareWithRelease(score(0), releasedFrom([score(1)])),
    }),
    reminder: renderReminderCard({ locale, municipalityName: 'Potsdam', assessmentId: 'a-1', days: 7, answered: 12 }),
  };
}

describe('coordinator cards', () => {
  for (const locale of ['de', 'en'] as const) {
    it.each(Object.entries(cards(locale)))(
      `%s (${locale}) parses in the Adaptive Cards renderer without errors or warnings`,
      (_name, { card }) => {
        const ctx = new AC.SerializationContext();
        const parsed = new AC.AdaptiveCard();
        parsed.parse(card, ctx);
        expect(Array.from({ length: ctx.eventCount }, (_v, i) => ctx.getEventAt(i).message)).toEqual([]);
        expect(parsed.validateProperties().validationEvents).toEqual([]);
      },
    );
  }

  it('gives every field with score, level and traffic light in the summary card and its text fallback', () => {
    const { field } = cards('de');
    expect(field.text).toContain('Potsdam: Handlungsfeld „Interkulturelle Öffnung und Antirassismus“ abgeschlossen');
    expect(field.text).toContain('Abgeschlossen von: Integrationsbeauftragte');
    const lines = field.text.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(FIELD_IDS.length);
    for (const l of lines) expect(l).toMatch(/: (\d+(,\d)?|noch keine Bewertung)( · .+ · (🔴|🟡|🟢) .+)?$/);
    expect(cards('en').complete.text).toContain('Potsdam: self-check completed');
  });

  it('links summary and comparison cards to the municipality in the dashboard: the Teams tab, else the page', () => {
    const url = new URL(TEAMS_LINK);
    expect(`${url.origin}${url.pathname}`).toBe(
      `https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/${DASHBOARD_TAB_ENTITY_ID}`,
    );
    // teams-js hands the tab `subEntityId` as page.subPageId, which the dashboard opens (tests/browser/dashboard.test.ts).
    expect(JSON.parse(url.searchParams.get('context') ?? '{}')).toEqual({ subEntityId: 'potsdam' });
    expect(new URL(BROWSER_LINK).searchParams.get('municipality')).toBe('bad homburg');

    const { field, complete, comparison } = cards('de');
    expect(field.card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Im Dashboard öffnen', url: TEAMS_LINK }]);
    expect(field.text).toContain(`Dashboard: ${TEAMS_LINK}`);
    expect(comparison.card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Im Dashboard öffnen', url: BROWSER_LINK },
    ]);
    expect(cards('en').comparison.card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in the dashboard', url: BROWSER_LINK },
    ]);
    // Without a link (no dashboard configured for the renderer) no button.
    expect(complete.card.actions).toBeUndefined();
  });

  it('shows no distribution with fewer than five others and the change per field', () => {
    const { comparison, comparisonFew } = cards('de');
    expect(comparisonFew.text).not.toContain('| Median');
    expect(comparisonFew.text).toContain('zu wenige Vergleichswerte');
    expect(comparison.text).toMatch(/\| Median \d/);
    expect(comparison.text).toContain('Veränderung seit Runde 1');
  });

  it('offers Continue (the self-check verb) and an opt-out in the reminder', () => {
    const { card } = cards('en').reminder;
    expect(JSON.stringify(card.actions)).toContain('"verb":"continue"');
    expect(JSON.stringify(card.actions)).toContain('"value":"reminders off"');
  });
});
