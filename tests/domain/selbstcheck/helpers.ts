import fc from 'fast-check';
import { currentQuestionnaire } from '../../../src/domain/selbstcheck';
import type { AnswerMap, FieldId, Questionnaire, StoredAnswer } from '../../../src/domain/selbstcheck';

export const V1: Questionnaire = currentQuestionnaire();

/**
 * Answers for questions `<field>-01` … `<field>-<count>`: `fallback` for every
 * question unless listed in `overrides` (use `null` to leave one unanswered).
 */
export function fieldAnswers(
  field: FieldId,
  count: number,
  fallback: StoredAnswer | null,
  overrides: Readonly<Record<number, StoredAnswer | null>> = {},
): Record<string, StoredAnswer> {
  const out: Record<string, StoredAnswer> = {};
  for (let n = 1; n <= count; n += 1) {
    const value = n in overrides ? overrides[n] : fallback;
    if (value !== null && value !== undefined) out[`${field}-${String(n).padStart(2, '0')}`] = value;
  }
  return out;
}

const STORED: readonly (StoredAnswer | undefined)[] = [
  undefined,
  'full',
  'partial',
  'planned',
  'none',
  'unknown',
  'skipped',
];

/** Random (possibly partial) answer map over every question of `q`. */
export function answerMapArb(q: Questionnaire = V1): fc.Arbitrary<AnswerMap> {
  return fc
    .array(fc.constantFrom(...STORED), { minLength: q.questions.length, maxLength: q.questions.length })
    .map((values) => {
      const out: Record<string, StoredAnswer> = {};
      q.questions.forEach((question, i) => {
        const value = values[i];
        if (value !== undefined) out[question.id] = value;
      });
      return out;
    });
}

/** Deep copy of plain JSON data so tests can break it without touching the shipped object. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
