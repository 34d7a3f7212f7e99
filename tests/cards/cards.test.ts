import { parseCardAction } from '../../cards/cardActions';
import { ANSWER_INPUT_ID, COMMENT_INPUT_ID, renderAnsweredCard, renderQuestionCard } from '../../cards/questionCard';
import { renderFieldSummaryCard, renderOverallSummaryCard } from '../../cards/summaryCard';
import type { CardElement } from '../../cards/adaptiveCard';
import {
  consolidate,
  currentQuestionnaire,
  findQuestion,
  recommend,
  scoreAssessment,
  scoreField,
} from '../../src/domain/selbstcheck';

const q = currentQuestionnaire();
const question = findQuestion(q, 'MS-03')!;

function walk(elements: readonly unknown[], out: CardElement[] = []): CardElement[] {
  for (const e of elements) {
    if (typeof e !== 'object' || e === null) continue;
    const el = e as CardElement;
    out.push(el);
    for (const key of ['items', 'columns', 'actions']) {
      const child = (el as Record<string, unknown>)[key];
      if (Array.isArray(child)) walk(child, out);
    }
  }
  return out;
}

describe('question card', () => {
  for (const host of ['teams', 'other'] as const) {
    it(`should carry the question, 5 expanded choices and typed action data (${host})`, () => {
      const { card, text } = renderQuestionCard({
        host,
        locale: 'de',
        assessmentId: 'a-1',
        questionnaireVersion: q.version,
        question,
        position: 3,
        total: 88,
      });
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
      const all = walk([...card.body, ...(card.actions ?? [])]);
      const choice = all.find((e) => e.type === 'Input.ChoiceSet');
      expect(choice).toMatchObject({ id: ANSWER_INPUT_ID, style: 'expanded' });
      expect((choice?.['choices'] as { value: string }[]).map((c) => c.value)).toEqual([
        'full',
        'partial',
        'planned',
        'none',
        'unknown',
      ]);
      expect(all.some((e) => e.type === 'Input.Text' && e['id'] === COMMENT_INPUT_ID)).toBe(true);
      expect(all.some((e) => e.type === 'TextBlock' && e['text'] === 'Frage 3 von ca. 88')).toBe(true);
      expect(all.some((e) => e.type === 'Action.ToggleVisibility')).toBe(true);
      const verbs = (card.actions ?? []).map((a) => (a['data'] as { verb: string }).verb);
      expect(verbs).toEqual(['answer', 'back', 'skip', 'pause']);
      for (const a of card.actions ?? []) {
        expect(a.type).toBe(host === 'teams' ? 'Action.Execute' : 'Action.Submit');
        expect(a['data']).toMatchObject({ assessmentId: 'a-1', questionId: 'MS-03', questionnaireVersion: q.version });
        if (host === 'teams') expect(a['fallback']).toMatchObject({ type: 'Action.Submit' });
      }
      expect(text).toContain(question.text.de);
      expect(text).toContain('1. Vollständig umgesetzt');
    });
  }

  it('should replace an answered card with the answer and no inputs', () => {
    const { card } = renderAnsweredCard({ locale: 'en', question, value: 'partial' });
    expect(JSON.stringify(card)).toContain('Your answer: Partly in place');
    expect(card.actions).toBeUndefined();
    expect(walk(card.body).some((e) => e.type.startsWith('Input.'))).toBe(false);
  });
});

describe('summary cards', () => {
  const answers = { 'MS-01': 'none', 'MS-02': 'partial', 'MS-03': 'unknown' } as const;
  it('should show score, level, light, knowledge gaps and at most 3 suggestions for a field', () => {
    const score = scoreField(q, 'MS', answers);
    const { card, text } = renderFieldSummaryCard({
      host: 'other',
      locale: 'de',
      assessmentId: 'a',
      score,
      recommendations: recommend(q, answers, 'MS'),
    });
    const json = JSON.stringify(card);
    expect(json).toContain('MS-03');
    expect(text).toContain('Ampel');
    expect(text).toContain(String(score.score).replace('.', ','));
  });

  it('should draw 7 bars and list divergences in the overall summary', () => {
    const consolidated = consolidate(q, [
      { respondentId: 'a', role: 'mayor', answers: { 'MS-01': 'full' } },
      { respondentId: 'b', role: 'integration_staff', answers: { 'MS-01': 'none' } },
    ]);
    const { card, text } = renderOverallSummaryCard({
      host: 'teams',
      locale: 'de',
      assessmentId: 'a',
      municipalityName: 'Potsdam',
      respondents: 2,
      score: scoreAssessment(q, consolidated.answers),
      divergences: consolidated.divergences,
      questionnaire: q,
      recommendations: [],
    });
    expect(card.body.filter((e) => e.type === 'ColumnSet')).toHaveLength(7);
    expect(text).toContain('MS-01 – Gibt es einen Ratsbeschluss oder ein Leitbild, in dem sich die Kommune zu');
    expect(text).toContain(': von „Vollständig umgesetzt“ bis „Nicht vorhanden“');
  });
});

describe('parseCardAction', () => {
  const target = { assessmentId: 'a-1', questionId: 'MS-01', questionnaireVersion: 1 };
  it.each([
    [
      { verb: 'answer', ...target, answer: 'partial', comment: '' },
      { ok: true, action: { verb: 'answer', ...target, answer: 'partial' } },
    ],
    [
      { verb: 'answer', ...target, questionnaireVersion: '1', answer: 'full', comment: 'Beleg' },
      { ok: true, action: { verb: 'answer', ...target, answer: 'full', comment: 'Beleg' } },
    ],
    [
      { verb: 'skip', ...target },
      { ok: true, action: { verb: 'skip', ...target } },
    ],
    [
      { verb: 'continue', assessmentId: 'a-1' },
      { ok: true, action: { verb: 'continue', assessmentId: 'a-1' } },
    ],
    [
      { verb: 'answer', ...target, answer: '' },
      { ok: false, reason: 'missing_answer' },
    ],
    [
      { verb: 'answer', ...target, answer: 'excellent' },
      { ok: false, reason: 'malformed' },
    ],
    [
      { verb: 'answer', ...target, questionId: "MS-01'; DROP", answer: 'full' },
      { ok: false, reason: 'malformed' },
    ],
    [
      { verb: 'delete', ...target },
      { ok: false, reason: 'malformed' },
    ],
    ['answer', { ok: false, reason: 'malformed' }],
  ])('%j → %j', (input, expected) => {
    expect(parseCardAction(input)).toEqual(expected);
  });
});

describe('compact form payloads', () => {
  const base = { verb: 'form', assessmentId: 'a-1', questionnaireVersion: 1, fieldId: 'MS' };
  it('collects the chosen answers and leaves untouched drop-downs out', () => {
    expect(parseCardAction({ ...base, 'a_MS-01': 'full', 'a_MS-02': '', 'a_MS-04': 'unknown' })).toEqual({
      ok: true,
      action: {
        ...base,
        answers: [
          { questionId: 'MS-01', answer: 'full' },
          { questionId: 'MS-04', answer: 'unknown' },
        ],
      },
    });
  });
  it('rejects values off the scale, unexpected fields and malformed ids', () => {
    expect(parseCardAction({ ...base, 'a_MS-01': 'excellent' })).toEqual({ ok: false, reason: 'malformed' });
    expect(parseCardAction({ ...base, 'a_MS-01': 'full', role: 'mayor' })).toEqual({ ok: false, reason: 'malformed' });
    expect(parseCardAction({ ...base, fieldId: 'ms' })).toEqual({ ok: false, reason: 'malformed' });
    expect(parseCardAction({ ...base, 'a_MS-1': 'full' })).toEqual({ ok: false, reason: 'malformed' });
  });
});
