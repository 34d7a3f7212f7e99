import { renderChannelSummaryCard } from '../../cards/channelSummaryCard';
import { renderComparisonCard } from '../../cards/comparisonCard';
import { renderReminderCard } from '../../cards/reminderCard';
import { FIELD_IDS, changeBetweenRounds, compareWithOthers, currentQuestionnaire, scoreAssessment, type AnswerMap, type AnswerValue, type Locale } from '../../src/domain/selbstcheck';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: unknown[] } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

const q = currentQuestionnaire();
const SCALE: readonly AnswerValue[] = ['full', 'partial', 'planned', 'none', 'unknown'];
const answers = (offset: number): AnswerMap => Object.fromEntries(q.questions.map((x, i) => [x.id, SCALE[(i * 3 + offset) % SCALE.length] as AnswerValue]));
const score = (offset: number) => scoreAssessment(q, answers(offset));

function cards(locale: Locale) {
  return {
    field: renderChannelSummaryCard({ locale, municipalityName: 'Potsdam', event: { kind: 'field_completed', fieldId: 'IO', role: 'integration_officer' }, respondents: 3, score: score(0) }),
    complete: renderChannelSummaryCard({ locale, municipalityName: 'Potsdam', event: { kind: 'assessment_completed' }, respondents: 3, score: score(1) }),
    comparison: renderComparisonCard({
      locale,
      municipalityName: 'Potsdam',
      comparison: compareWithOthers(score(0), [1, 2, 3, 4, 5, 6].map(score)),
      change: { previousRound: 1, change: changeBetweenRounds(score(3), score(0)) },
    }),
    comparisonFew: renderComparisonCard({ locale, municipalityName: 'Potsdam', comparison: compareWithOthers(score(0), [score(1)]) }),
    reminder: renderReminderCard({ locale, municipalityName: 'Potsdam', assessmentId: 'a-1', days: 7, answered: 12 }),
  };
}

describe('coordinator cards', () => {
  for (const locale of ['de', 'en'] as const) {
    it.each(Object.entries(cards(locale)))(`%s (${locale}) parses in the Adaptive Cards renderer without errors or warnings`, (_name, { card }) => {
      const ctx = new AC.SerializationContext();
      const parsed = new AC.AdaptiveCard();
      parsed.parse(card, ctx);
      expect(Array.from({ length: ctx.eventCount }, (_v, i) => ctx.getEventAt(i).message)).toEqual([]);
      expect(parsed.validateProperties().validationEvents).toEqual([]);
    });
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
