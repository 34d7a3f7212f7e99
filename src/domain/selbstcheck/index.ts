/**
 * Public API of the self-check domain core ("Selbstcheck Weltoffene Kommune").
 * Pure functions over plain data: no I/O, no bot framework, no database.
 */
export type * from './types';
export * from './labels';
export { ANSWER_POINTS, WEIGHT_FACTORS, isScorable, scaleStep } from './scale';
export {
  MAX_HELP_LENGTH,
  MAX_QUESTION_LENGTH,
  MAX_RECOMMENDATION_LENGTH,
  QuestionnaireError,
  parseQuestionnaire,
} from './schema';
export {
  createQuestionnaireRegistry,
  currentQuestionnaire,
  defaultRegistry,
  getQuestionnaire,
  migrateAnswers,
  questionnaireVersions,
} from './registry';
export type { QuestionnaireRegistry } from './registry';
export {
  applicableQuestions,
  fieldProgress,
  findQuestion,
  gateState,
  isAnswered,
  isAssessmentComplete,
  isFieldComplete,
  nextQuestion,
  questionsOfField,
} from './navigation';
export type { GateState, NextQuestionOptions } from './navigation';
export { currentQuestion, fieldInView, positionOf, previousQuestion, questionOrder, toFieldId } from './walk';
export type { OnScreen } from './walk';
export {
  LEVEL_THRESHOLDS,
  TRAFFIC_LIGHT_THRESHOLDS,
  levelFor,
  scoreAssessment,
  scoreField,
  trafficLightFor,
} from './scoring';
export { MAX_RECOMMENDATIONS_PER_FIELD, recommend } from './recommendations';
export { DIVERGENCE_MIN_STEPS, consolidate, medianAnswer } from './consolidation';
export { NO_RELEASE, changeBetweenRounds, compareWithRelease, type ReleasedFigures } from './comparison';
export {
  MIN_CLOSES_BETWEEN_RELEASES,
  MIN_COMPARISON_GROUP,
  SERIES_IDS,
  latestPerMunicipality,
  nextRelease,
  quantile,
  seriesFigures,
  type BasisEntry,
  type ReleaseContent,
  type SeriesFigures,
  type SeriesId,
  type SeriesRelease,
  type SnapshotScores,
} from './comparisonRelease';
export { interpretTypedAnswer, normalizeTypedText, parseTypedAnswer, type TypedAnswer } from './typedAnswer';
export { interpretNaturalAnswer, type NaturalAnswer } from './naturalAnswer';
export { recogniseQuestionAbout, type QuestionAbout } from './questionAbout';
export { SCALE_DEFINITIONS } from './scaleDefinitions';
