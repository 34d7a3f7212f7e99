/**
 * Public types of the self-check domain core. Everything is readonly because
 * questionnaires and answer maps are shared values that must never be mutated
 * by one consumer behind another's back.
 */

export type Locale = 'de' | 'en';

/** Text in both product languages; German is the primary language. */
export interface LocalizedText {
  readonly de: string;
  readonly en: string;
}

export type FieldId = 'MS' | 'IO' | 'FZ' | 'AW' | 'EB' | 'ZB' | 'KK';

/** Sub-themes exist only in field FZ (Fairer Zugang und Teilhabechancen). */
export type SubThemeId =
  | 'education'
  | 'language'
  | 'work_training'
  | 'housing'
  | 'health_care'
  | 'transport'
  | 'culture'
  | 'sport'
  | 'safety_justice';

export type Dimension = 'attitude_structures' | 'measures_plans' | 'cooperation';

/** As in the Welcoming Standard: core criteria count double. */
export type QuestionWeight = 'core' | 'additional';

export type SupportCategory = 'advice' | 'training' | 'network' | 'dialogue_event' | 'guidance_material';

/** Ordered from best to worst; `unknown` is outside the order. */
export type AnswerValue = 'full' | 'partial' | 'planned' | 'none' | 'unknown';

/** An answer that can be scored (everything except `unknown`). */
export type ScorableAnswer = Exclude<AnswerValue, 'unknown'>;

/** What a respondent can store per question: a scale value or an explicit skip. */
export type StoredAnswer = AnswerValue | 'skipped';

/** Answers by question id. A missing key means "not yet answered". */
export type AnswerMap = Readonly<Record<string, StoredAnswer>>;

export type Role =
  'mayor' | 'department_head' | 'integration_officer' | 'integration_staff' | 'advisory_council' | 'other';

export type Level = 'entry' | 'developing' | 'advanced' | 'pioneer';

export type TrafficLight = 'red' | 'yellow' | 'green';

export interface Field {
  readonly id: FieldId;
  readonly name: LocalizedText;
  /** One paragraph describing what a welcoming municipality achieves in this field. */
  readonly goal: LocalizedText;
}

export interface Question {
  /** Stable id such as `MS-03`; the prefix is the field id. */
  readonly id: string;
  readonly field: FieldId;
  readonly subTheme?: SubThemeId;
  readonly text: LocalizedText;
  readonly help: LocalizedText;
  readonly dimension: Dimension;
  readonly weight: QuestionWeight;
  /** Whether the conversation should offer a comment / evidence link after the answer. */
  readonly evidenceInvited: boolean;
  /** Id of the gate question; if the gate is answered `none`, this question is not asked. */
  readonly gate?: string;
  /** Id of the recommendation template shown when this indicator is weak. */
  readonly recommendation: string;
}

export interface RecommendationTemplate {
  readonly id: string;
  readonly field: FieldId;
  readonly category: SupportCategory;
  readonly text: LocalizedText;
}

/**
 * How answers of an older version carry over into this one. Keys are question
 * ids of `fromVersion`; a value is the successor id, or null for a retired
 * question whose answer is dropped. Ids not listed carry over unchanged when
 * they still exist.
 */
export interface QuestionnaireMigration {
  readonly fromVersion: number;
  readonly map: Readonly<Record<string, string | null>>;
}

export interface Questionnaire {
  readonly version: number;
  readonly fields: readonly Field[];
  /** In display order: grouped by field in field order, FZ grouped by sub-theme. */
  readonly questions: readonly Question[];
  readonly recommendations: readonly RecommendationTemplate[];
  readonly migration?: QuestionnaireMigration;
}

export interface FieldScore {
  readonly fieldId: FieldId;
  /** 0–100 with one decimal, or null when no applicable question has a scorable answer. */
  readonly score: number | null;
  readonly level: Level | null;
  readonly trafficLight: TrafficLight | null;
  /** Applicable questions (follow-ups of a gate answered none, unknown, skipped or not yet answered are not applicable). */
  readonly applicable: number;
  /** Applicable questions the respondent has dealt with (any answer incl. unknown and skipped). */
  readonly answered: number;
  /** Applicable questions with a scorable answer (full, partial, planned, none). */
  readonly scored: number;
  /** answered / applicable, 0..1; null when nothing is applicable. */
  readonly completeness: number | null;
  /** Applicable questions answered `unknown`. */
  readonly knowledgeGaps: readonly string[];
  /** Applicable questions skipped or not yet answered. */
  readonly unanswered: readonly string[];
  /** Follow-ups not asked because their gate was answered `none`; they count as 0 points. */
  readonly closedByGate: readonly string[];
}

export interface OverallScore {
  /** Unweighted mean of the non-null field scores, one decimal; null if no field has a score. */
  readonly score: number | null;
  readonly level: Level | null;
  readonly trafficLight: TrafficLight | null;
  readonly scoredFields: number;
  readonly applicable: number;
  readonly answered: number;
  readonly completeness: number | null;
  readonly knowledgeGaps: number;
}

export interface AssessmentScore {
  readonly questionnaireVersion: number;
  /** In official field order. */
  readonly fields: readonly FieldScore[];
  readonly overall: OverallScore;
}

export interface Recommendation {
  readonly id: string;
  readonly fieldId: FieldId;
  readonly category: SupportCategory;
  readonly text: LocalizedText;
  /** The weak indicators (question ids) that led to this suggestion, weakest first. */
  readonly basedOn: readonly string[];
}

export interface RespondentAnswers {
  readonly respondentId: string;
  readonly role: Role;
  readonly answers: AnswerMap;
}

export interface Divergence {
  readonly questionId: string;
  readonly fieldId: FieldId;
  /** Best and worst scorable answer given. */
  readonly highest: ScorableAnswer;
  readonly lowest: ScorableAnswer;
  /** Distance in scale steps between highest and lowest (2 or 3). */
  readonly steps: number;
  /** Every respondent's scorable answer, sorted by respondent id. */
  readonly answers: readonly { readonly respondentId: string; readonly role: Role; readonly value: ScorableAnswer }[];
}

export interface RespondentCoverage {
  readonly respondentId: string;
  readonly role: Role;
  /** Fields in which the respondent gave at least one answer other than `skipped`, in field order. */
  readonly fields: readonly FieldId[];
  /** Number of answers other than `skipped`. */
  readonly answeredCount: number;
}

export interface ConsolidatedResult {
  readonly answers: AnswerMap;
  readonly divergences: readonly Divergence[];
  /** Sorted by respondent id. */
  readonly coverage: readonly RespondentCoverage[];
}

/** lowest_quarter: below the lower quartile; lower_middle: from lower quartile to below the median; upper_middle: from the median up to the upper quartile; highest_quarter: above the upper quartile. */
export type ComparisonPosition = 'lowest_quarter' | 'lower_middle' | 'upper_middle' | 'highest_quarter';

export type FieldComparison =
  | {
      readonly status: 'ok';
      readonly own: number;
      readonly median: number;
      readonly lowerQuartile: number;
      readonly upperQuartile: number;
      readonly comparedWith: number;
      readonly position: ComparisonPosition;
    }
  | { readonly status: 'not_enough_data' }
  | { readonly status: 'no_own_score' };

export interface ComparisonResult {
  readonly fields: Readonly<Record<FieldId, FieldComparison>>;
  readonly overall: FieldComparison;
  /** When the figures compared with were released; null before the first release. */
  readonly releasedAt: Date | null;
}

export type ChangeDirection = 'up' | 'down' | 'same' | 'not_comparable';

export interface ScoreChange {
  readonly previous: number | null;
  readonly current: number | null;
  /** current − previous, one decimal; null if either is null. */
  readonly delta: number | null;
  readonly direction: ChangeDirection;
  readonly previousLevel: Level | null;
  readonly currentLevel: Level | null;
}

export interface RoundChange {
  /** False when the two rounds used different questionnaire versions: read changes with care. */
  readonly sameQuestionnaireVersion: boolean;
  readonly fields: Readonly<Record<FieldId, ScoreChange>>;
  readonly overall: ScoreChange;
}
