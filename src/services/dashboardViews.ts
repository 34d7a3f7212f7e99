/**
 * What the dashboard answers with (the JSON the page reads) and the pure shaping of domain results into it;
 * no I/O, so DashboardService only loads, scores and assembles.
 */
import type { Municipality } from '../domain/model';
import type { RoundSummary } from '../domain/ports/dashboard';
import {
  FIELD_IDS,
  type AssessmentScore,
  type ComparisonResult,
  type FieldId,
  type Level,
  type LocalizedText,
  type Recommendation,
  type Role,
  type RoundChange,
  type ScorableAnswer,
  type TrafficLight,
} from '../domain/selbstcheck';

export type ProgressState = 'not_started' | 'in_progress' | 'complete' | 'stalled';

export interface FieldProgressView {
  readonly fieldId: FieldId;
  readonly answered: number;
  readonly applicable: number;
  readonly state: ProgressState;
  readonly score: number | null;
  readonly level: Level | null;
  readonly trafficLight: TrafficLight | null;
}

export interface MunicipalityRef {
  readonly id: string;
  readonly name: string;
  readonly kind: Municipality['kind'];
  /** Bundesland. */
  readonly region: string;
}

export interface RoundView {
  readonly round: number;
  readonly status: 'in_progress' | 'completed';
  readonly questionnaireVersion: number;
  readonly startedAt: string;
  readonly completedAt: string | null;
  readonly lastAnswerAt: string | null;
}

export interface OverviewRow {
  readonly municipality: MunicipalityRef;
  readonly round: RoundView | null;
  readonly state: ProgressState;
  readonly respondents: number;
  readonly overall: {
    readonly score: number | null;
    readonly level: Level | null;
    readonly trafficLight: TrafficLight | null;
    readonly completeness: number | null;
  };
  readonly fields: readonly FieldProgressView[];
}

export interface Overview {
  readonly scope: 'all' | 'assigned';
  readonly stalledDays: number;
  readonly municipalities: readonly OverviewRow[];
}

export interface DivergenceView {
  readonly questionId: string;
  readonly fieldId: FieldId;
  readonly text: LocalizedText;
  readonly highest: ScorableAnswer;
  readonly lowest: ScorableAnswer;
  readonly steps: number;
  /** Roles and answers only: the dashboard never names respondents. */
  readonly answers: readonly { readonly role: Role; readonly value: ScorableAnswer }[];
}

export interface CoverageByRole {
  readonly role: Role;
  readonly respondents: number;
  /** Fields in which at least one respondent of the role answered. */
  readonly fields: readonly FieldId[];
  readonly answers: number;
}

export interface MunicipalityDetail extends OverviewRow {
  readonly stalledDays: number;
  readonly fieldNames: Readonly<Record<FieldId, LocalizedText>>;
  /** Null before the first answer. */
  readonly score: AssessmentScore | null;
  readonly knowledgeGaps: readonly {
    readonly questionId: string;
    readonly fieldId: FieldId;
    readonly text: LocalizedText;
  }[];
  readonly divergences: readonly DivergenceView[];
  /** Null when the principal may not see who answered. */
  readonly coverage: readonly CoverageByRole[] | null;
  /** Null unless at least MIN_COMPARISON_GROUP other municipalities have results. */
  readonly comparison: ComparisonResult | null;
  readonly minComparisonGroup: number;
  readonly previousRound: RoundView | null;
  readonly change: RoundChange | null;
  readonly recommendations: readonly Recommendation[];
  readonly exports: { readonly pdf: string; readonly csv: string; readonly json: string } | null;
}

export interface MeView {
  readonly identityKey: string;
  readonly coordinator: boolean;
  readonly leadOf: readonly MunicipalityRef[];
  readonly municipality: MunicipalityRef | null;
  /** The person's own answers in the current round of their municipality. */
  readonly own: {
    readonly round: number;
    readonly fields: readonly FieldProgressView[];
    readonly overall: AssessmentScore['overall'];
  } | null;
}

export type DashboardResult<T> =
  { readonly status: 'ok'; readonly value: T } | { readonly status: 'forbidden' } | { readonly status: 'not_found' };

export function refOf(m: Municipality): MunicipalityRef {
  return { id: m.id, name: m.name, kind: m.kind, region: m.state };
}

export function roundView(r: RoundSummary): RoundView {
  const a = r.assessment;
  return {
    round: a.round,
    status: a.status,
    questionnaireVersion: a.questionnaireVersion,
    startedAt: a.startedAt.toISOString(),
    completedAt: a.completedAt?.toISOString() ?? null,
    lastAnswerAt: r.lastAnswerAt?.toISOString() ?? null,
  };
}

/** Per role: how many respondents, which fields they touched and how many answers they gave. */
export function coverageByRole(
  coverage: readonly { role: Role; fields: readonly FieldId[]; answeredCount: number }[],
): CoverageByRole[] {
  const byRole = new Map<Role, { respondents: number; fields: Set<FieldId>; answers: number }>();
  for (const c of coverage) {
    const entry = byRole.get(c.role) ?? { respondents: 0, fields: new Set<FieldId>(), answers: 0 };
    entry.respondents += 1;
    entry.answers += c.answeredCount;
    c.fields.forEach((f) => entry.fields.add(f));
    byRole.set(c.role, entry);
  }
  return [...byRole].map(([role, e]) => ({
    role,
    respondents: e.respondents,
    fields: FIELD_IDS.filter((f) => e.fields.has(f)),
    answers: e.answers,
  }));
}

/** A field is stalled only when its round is; complete and not started say so regardless. */
export function fieldViews(score: AssessmentScore, stalled: boolean): FieldProgressView[] {
  return score.fields.map((f) => ({
    fieldId: f.fieldId,
    answered: f.answered,
    applicable: f.applicable,
    state:
      f.answered === 0 ? 'not_started' : f.answered >= f.applicable ? 'complete' : stalled ? 'stalled' : 'in_progress',
    score: f.score,
    level: f.level,
    trafficLight: f.trafficLight,
  }));
}
