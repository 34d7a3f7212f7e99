import { FIELD_IDS } from './labels';
import { gateState, questionsOfField } from './navigation';
import { ANSWER_POINTS, WEIGHT_FACTORS, answerOf, isScorable, round1 } from './scale';
import type { AnswerMap, AssessmentScore, FieldId, FieldScore, Level, Questionnaire, TrafficLight } from './types';

/** Lower bounds of each level (score ≥ bound), highest first. */
export const LEVEL_THRESHOLDS: readonly { readonly level: Level; readonly from: number }[] = [
  { level: 'pioneer', from: 75 },
  { level: 'advanced', from: 50 },
  { level: 'developing', from: 25 },
  { level: 'entry', from: 0 },
];

export const TRAFFIC_LIGHT_THRESHOLDS: readonly { readonly light: TrafficLight; readonly from: number }[] = [
  { light: 'green', from: 70 },
  { light: 'yellow', from: 40 },
  { light: 'red', from: 0 },
];

export function levelFor(score: number): Level {
  return (LEVEL_THRESHOLDS.find((t) => score >= t.from) ?? { level: 'entry' as const }).level;
}

export function trafficLightFor(score: number): TrafficLight {
  return (TRAFFIC_LIGHT_THRESHOLDS.find((t) => score >= t.from) ?? { light: 'red' as const }).light;
}

/**
 * Weighted share of points in one field. Applicable questions with a scorable
 * answer count with their weight; follow-ups closed by a gate answered `none`
 * count with their weight and 0 points; `unknown`, skipped and unanswered
 * questions are left out (reported as gaps / unanswered instead).
 */
export function scoreField(q: Questionnaire, fieldId: FieldId, answers: AnswerMap): FieldScore {
  let points = 0;
  let weights = 0;
  let applicable = 0;
  let answered = 0;
  let scored = 0;
  const knowledgeGaps: string[] = [];
  const unanswered: string[] = [];
  const closedByGate: string[] = [];

  for (const question of questionsOfField(q, fieldId)) {
    const weight = WEIGHT_FACTORS[question.weight];
    const state = gateState(question, answers);
    if (state === 'closed') {
      closedByGate.push(question.id);
      weights += weight;
      continue;
    }
    if (state === 'pending') continue;

    applicable += 1;
    const answer = answerOf(answers, question.id);
    if (answer !== undefined) answered += 1;
    if (isScorable(answer)) {
      scored += 1;
      points += ANSWER_POINTS[answer] * weight;
      weights += weight;
    } else if (answer === 'unknown') {
      knowledgeGaps.push(question.id);
    } else {
      unanswered.push(question.id);
    }
  }

  // Closed follow-ups alone never occur (their gate is scored), but guard on `scored` anyway.
  // points * 10 / weights is one correctly rounded division, so ties round half up reliably.
  const score = scored > 0 && weights > 0 ? Math.round((points * 10) / weights) / 10 : null;
  return {
    fieldId,
    score,
    level: score === null ? null : levelFor(score),
    trafficLight: score === null ? null : trafficLightFor(score),
    applicable,
    answered,
    scored,
    completeness: applicable > 0 ? answered / applicable : null,
    knowledgeGaps,
    unanswered,
    closedByGate,
  };
}

/**
 * All fields plus an overall score: the plain mean of the field scores that
 * exist, so that every field counts the same however many questions it has.
 */
export function scoreAssessment(q: Questionnaire, answers: AnswerMap): AssessmentScore {
  const fields = FIELD_IDS.map((fieldId) => scoreField(q, fieldId, answers));
  const scores = fields.flatMap((f) => (f.score === null ? [] : [f.score]));
  const overallScore = scores.length > 0 ? round1(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
  const applicable = fields.reduce((sum, f) => sum + f.applicable, 0);
  const answered = fields.reduce((sum, f) => sum + f.answered, 0);
  return {
    questionnaireVersion: q.version,
    fields,
    overall: {
      score: overallScore,
      level: overallScore === null ? null : levelFor(overallScore),
      trafficLight: overallScore === null ? null : trafficLightFor(overallScore),
      scoredFields: scores.length,
      applicable,
      answered,
      completeness: applicable > 0 ? answered / applicable : null,
      knowledgeGaps: fields.reduce((sum, f) => sum + f.knowledgeGaps.length, 0),
    },
  };
}
