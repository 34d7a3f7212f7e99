/** Issue #18: the overall summary's divergences with question texts, and the next steps after the summary. */
import { shortenAtWord } from '../../cards/format';
import { renderNextSteps } from '../../cards/nextSteps';
import { renderOverallSummaryCard } from '../../cards/summaryCard';
import { recogniseCommand } from '../../src/domain/conversation/commands';
import { recogniseCoordinatorCommand } from '../../src/domain/conversation/coordinatorCommands';
import {
  FIELD_IDS,
  consolidate,
  currentQuestionnaire,
  findQuestion,
  recommend,
  scoreAssessment,
  type AnswerMap,
  type Locale,
} from '../../src/domain/selbstcheck';

const q = currentQuestionnaire();
/** Teams rejects cards above ~28 KB; the summary must stay well below it. */
const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

function summary(locale: Locale, answersA: AnswerMap, answersB: AnswerMap) {
  const consolidated = consolidate(q, [
    { respondentId: 'a', role: 'mayor', answers: answersA },
    { respondentId: 'b', role: 'integration_staff', answers: answersB },
  ]);
  return {
    consolidated,
    rendered: renderOverallSummaryCard({
      host: 'teams',
      locale,
      assessmentId: 'a-1',
      municipalityName: 'Potsdam',
      respondents: 2,
      score: scoreAssessment(q, consolidated.answers),
      divergences: consolidated.divergences,
      questionnaire: q,
      recommendations: FIELD_IDS.flatMap((f) => recommend(q, consolidated.answers, f)),
    }),
  };
}

describe('shortenAtWord', () => {
  it('keeps short texts, cuts long ones at a word boundary with an ellipsis and never exceeds the bound', () => {
    expect(shortenAtWord('  Gibt es   ein Leitbild? ', 80)).toBe('Gibt es ein Leitbild?');
    expect(shortenAtWord('eins zwei drei vier', 12)).toBe('eins zwei…');
    expect(shortenAtWord('eins, zwei drei', 11)).toBe('eins, zwei…');
    expect(shortenAtWord('Donaudampfschifffahrt', 8)).toBe('Donauda…');
    for (const question of q.questions)
      for (const locale of ['de', 'en'] as const) {
        const short = shortenAtWord(question.text[locale], 80);
        expect(short.length).toBeLessThanOrEqual(80);
        if (short.endsWith('…')) expect(question.text[locale].startsWith(short.slice(0, -1))).toBe(true);
        else expect(short).toBe(question.text[locale]);
      }
  });
});

describe('overall summary: divergences with the question text', () => {
  it.each(['de', 'en'] as const)(
    'names each divergent question with its text (%s), in the card and the text',
    (locale) => {
      const { rendered } = summary(locale, { 'MS-01': 'full', 'IO-01': 'full' }, { 'MS-01': 'none', 'IO-01': 'full' });
      const ms01 = shortenAtWord(findQuestion(q, 'MS-01')!.text[locale], 80);
      const line =
        locale === 'de'
          ? `MS-01 – ${ms01}: von „Vollständig umgesetzt“ bis „Nicht vorhanden“`
          : `MS-01 – ${ms01}: from “Fully in place” to “Not in place”`;
      expect(rendered.text).toContain(line);
      expect(JSON.stringify(rendered.card.body)).toContain(JSON.stringify(`• ${line}`));
      expect(rendered.text).not.toContain('IO-01');
      expect(rendered.text).not.toMatch(/weitere|more \(/);
    },
  );

  it('stays far below the Teams card limit with every question divergent, widest first, and counts the rest', () => {
    const all = (value: 'full' | 'planned' | 'none'): AnswerMap =>
      Object.fromEntries(q.questions.map((x) => [x.id, value]));
    // Gates answered "planned" keep their follow-ups open, so every question diverges (two steps) ...
    // ... except one, three steps apart, which must come first.
    const b: AnswerMap = { ...all('planned'), 'KK-01': 'none' };
    for (const locale of ['de', 'en'] as const) {
      const { rendered, consolidated } = summary(locale, all('full'), b);
      expect(consolidated.divergences.length).toBeGreaterThanOrEqual(q.questions.length - 10);
      const bytes = Buffer.byteLength(JSON.stringify(rendered.card), 'utf8');
      expect(bytes).toBeLessThan(TEAMS_CARD_LIMIT_BYTES / 2);
      const lines = rendered.text.split('\n').filter((l) => /^- [A-Z]{2}-\d{2} – /.test(l));
      expect(lines).toHaveLength(5);
      expect(lines[0]).toContain(`KK-01 – ${shortenAtWord(findQuestion(q, 'KK-01')!.text[locale], 80)}`);
      const rest = consolidated.divergences.length - 5;
      expect(rendered.text).toContain(locale === 'de' ? `… und ${rest} weitere` : `… and ${rest} more`);
    }
  });
});

describe('next steps after the summary', () => {
  const commandOf = (title: string) => recogniseCommand(title)?.kind;

  it.each(['de', 'en'] as const)(
    'offers status, change and result to a respondent (%s), every button a command',
    (locale) => {
      const m = renderNextSteps({
        host: 'teams',
        locale,
        municipalityName: 'Potsdam',
        rights: { export: false, close: false },
        publicBaseUrl: 'https://bot.example.org',
      });
      expect(m.text).toContain(
        locale === 'de' ? 'Sie haben alle Fragen beantwortet' : 'You have answered all questions',
      );
      expect(m.text).toContain('`status`');
      expect(m.suggestions?.map(commandOf)).toEqual(['status', 'changeList', 'result']);
      expect(m.text).not.toMatch(/export|abschließen|complete round|questionnaire\//);
    },
  );

  it.each(['de', 'en'] as const)(
    'adds the export, blank questionnaires and closing for a lead in Teams (%s)',
    (locale) => {
      const m = renderNextSteps({
        host: 'teams',
        locale,
        municipalityName: 'Halle (Saale)',
        rights: { export: true, close: true },
        publicBaseUrl: 'https://bot.example.org/',
      });
      expect(m.text).toContain('`export Halle (Saale) pdf`');
      expect(m.text).toContain(locale === 'de' ? 'Workshop' : 'workshop');
      const lang = locale === 'en' ? '?lang=en' : '';
      expect(m.text).toContain(`[KK](https://bot.example.org/api/exports/questionnaire/KK.pdf${lang})`);
      const [status, change, result, exportButton, close] = m.suggestions ?? [];
      expect([status, change, result, close].map((t) => commandOf(t ?? ''))).toEqual([
        'status',
        'changeList',
        'result',
        'complete',
      ]);
      expect(recogniseCoordinatorCommand(exportButton ?? '')).toEqual({
        kind: 'export',
        municipality: 'Halle (Saale)',
        format: 'pdf',
      });
    },
  );

  it('in the web chat names where the export is instead of a button that could not work there', () => {
    const m = renderNextSteps({
      host: 'other',
      locale: 'de',
      municipalityName: 'Kiel',
      rights: { export: true, close: true },
    });
    expect(m.text).toContain('im Dashboard oder im Teams-Chat');
    expect(m.suggestions?.some((s) => /export/i.test(s))).toBe(false);
    expect(m.suggestions).toContain('Runde abschließen');
  });
});
