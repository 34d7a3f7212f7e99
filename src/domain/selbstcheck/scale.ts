import { SCORABLE_ANSWERS } from './labels';
import type { AnswerMap, QuestionWeight, ScorableAnswer, StoredAnswer } from './types';

/**
 * Points per scorable answer. "Planned" earns a little because a decision or
 * plan is a real first step, but far less than practice; "partly in place"
 * earns more than half because something already works and is being built on.
 */
export const ANSWER_POINTS: Readonly<Record<ScorableAnswer, number>> = {
  full: 100,
  partial: 60,
  planned: 25,
  none: 0,
};

/** Core indicators count twice, additional ones once (cf. Welcoming Standard core/additional). */
export const WEIGHT_FACTORS: Readonly<Record<QuestionWeight, number>> = {
  core: 2,
  additional: 1,
};

export function isScorable(value: StoredAnswer | undefined): value is ScorableAnswer {
  return value === 'full' || value === 'partial' || value === 'planned' || value === 'none';
}

/** Position on the ordered scale: full = 0 … none = 3. */
export function scaleStep(value: ScorableAnswer): number {
  return SCORABLE_ANSWERS.indexOf(value);
}

/** Own-property lookup so ids like "constructor" never hit Object.prototype. */
export function answerOf(answers: AnswerMap, questionId: string): StoredAnswer | undefined {
  return Object.prototype.hasOwnProperty.call(answers, questionId) ? answers[questionId] : undefined;
}

/** Round half up to one decimal, the precision shown in reports. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
