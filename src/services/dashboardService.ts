/**
 * The coordinators' dashboard: overview of the visible municipalities and one municipality's
 * results. Every number comes from the domain core (consolidate, scoreAssessment, compareWithOthers,
 * changeBetweenRounds, recommend); access follows the shared policy through AccessService.
 */
import { decide, isCoordinator, leadMunicipalities, visibleMunicipalities, type Principal } from '../domain/access';
import type { Municipality, RespondentAnswerSet } from '../domain/model';
import type { Clock } from '../domain/ports/clock';
import type { DashboardRepository, RoundSummary } from '../domain/ports/dashboard';
import type { MunicipalityRepository, RespondentRepository } from '../domain/ports/selfCheck';
import {
  FIELD_IDS,
  FIELD_NAMES,
  MIN_COMPARISON_GROUP,
  changeBetweenRounds,
  compareWithRelease,
  consolidate,
  findQuestion,
  isAssessmentComplete,
  recommend,
  scoreAssessment,
  type AnswerMap,
  type AssessmentScore,
  type LocalizedText,
  type QuestionnaireRegistry,
} from '../domain/selbstcheck';
import type { AccessService } from './accessService';
import type { ComparisonService } from './comparisonService';
import {
  coverageByRole,
  fieldViews,
  refOf,
  roundView,
  type DashboardResult,
  type MeView,
  type MunicipalityDetail,
  type Overview,
  type OverviewRow,
  type ProgressState,
} from './dashboardViews';

// The view types are part of this service's interface; re-exported for its callers.
export type {
  CoverageByRole,
  DashboardResult,
  DivergenceView,
  FieldProgressView,
  MeView,
  MunicipalityDetail,
  MunicipalityRef,
  Overview,
  OverviewRow,
  ProgressState,
  RoundView,
} from './dashboardViews';

export interface DashboardDeps {
  readonly municipalities: MunicipalityRepository;
  readonly respondents: Pick<RespondentRepository, 'findByIdentity'>;
  readonly dashboard: DashboardRepository;
  readonly registry: QuestionnaireRegistry;
  readonly access: AccessService;
  /** Released comparison figures (closed rounds only, docs/scoring.md §10). */
  readonly comparisons: Pick<ComparisonService, 'released'>;
  /** A municipality without an answer for this many days counts as stalled. */
  readonly stalledDays: number;
  /** "Stalled" is measured against this clock's time. */
  readonly clock: Clock;
}

interface Scored {
  readonly answers: AnswerMap;
  readonly score: AssessmentScore;
  readonly complete: boolean;
}

const CACHE_LIMIT = 1000;
const DAY_MS = 24 * 3600 * 1000;

export class DashboardService {
  /**
   * Consolidated answers and scores by round fingerprint (id, answer count, newest answer time): a round's
   * score only changes when an answer is written, which moves the fingerprint. Roles are not part of it,
   * so divergences and coverage (which show roles) are always computed fresh.
   */
  private readonly scored = new Map<string, Scored>();

  constructor(private readonly deps: DashboardDeps) {}

  get stalledDays(): number {
    return this.deps.stalledDays;
  }

  async me(identityKey: string): Promise<MeView> {
    const [principal, respondent, municipalities] = await Promise.all([
      this.deps.access.principalOf(identityKey),
      this.deps.respondents.findByIdentity(identityKey),
      this.deps.municipalities.list(),
    ]);
    const byId = new Map(municipalities.map((m) => [m.id, m]));
    const own = respondent?.municipalityId ? byId.get(respondent.municipalityId) : undefined;
    let ownView: MeView['own'] = null;
    // A demo visitor's answers live in a private sandbox, which the dashboard never reads.
    if (respondent !== undefined && own !== undefined && !own.demo) {
      const newest = (await this.deps.dashboard.rounds([own.id]))[0];
      if (newest !== undefined) {
        const sets =
          (await this.deps.dashboard.answersOfRounds([newest.assessment.id])).get(newest.assessment.id) ?? [];
        const mine = sets.find((s) => s.respondentId === respondent.id)?.answers ?? {};
        const q = this.deps.registry.getQuestionnaire(newest.assessment.questionnaireVersion);
        const score = scoreAssessment(q, mine);
        ownView = { round: newest.assessment.round, fields: fieldViews(score, false), overall: score.overall };
      }
    }
    return {
      identityKey,
      coordinator: isCoordinator(principal),
      leadOf: leadMunicipalities(principal).flatMap((id) => {
        const m = byId.get(id);
        return m ? [refOf(m)] : [];
      }),
      municipality: own ? refOf(own) : null,
      own: ownView,
    };
  }

  /** All municipalities for coordinators, the led ones for leads, none for respondents. */
  async overview(identityKey: string): Promise<Overview> {
    const principal = await this.deps.access.principalOf(identityKey);
    const visible = visibleMunicipalities(principal);
    // The demo municipality is for trying the self-check out: never listed, counted or compared.
    const all = (await this.deps.municipalities.list()).filter((m) => !m.demo);
    const shown = visible === 'all' ? all : all.filter((m) => visible.includes(m.id));
    const rounds =
      shown.length === 0
        ? []
        : await this.deps.dashboard.rounds(visible === 'all' ? undefined : shown.map((m) => m.id));
    const newest = this.newestByMunicipality(rounds);
    const scored = await this.scoreRounds([...newest.values()]);
    return {
      scope: visible === 'all' ? 'all' : 'assigned',
      stalledDays: this.deps.stalledDays,
      municipalities: shown.map((m) => {
        const r = newest.get(m.id);
        return this.row(m, r, r ? scored.get(r.assessment.id) : undefined);
      }),
    };
  }

  /** One municipality's results; forbidden (revealing nothing) unless the policy allows `view_results`. */
  async municipality(identityKey: string, municipalityId: string): Promise<DashboardResult<MunicipalityDetail>> {
    const principal = await this.deps.access.principalOf(identityKey);
    if (!decide(principal, 'view_results', { municipalityId }).allowed) return { status: 'forbidden' };
    const m = await this.deps.municipalities.find(municipalityId);
    // The demo has no results to show: its visitors' sandboxes are private and never compared.
    if (m === undefined || m.demo) return { status: 'not_found' };
    return { status: 'ok', value: await this.detail(principal, m) };
  }

  private async detail(principal: Principal, m: Municipality): Promise<MunicipalityDetail> {
    // Other municipalities reach this view only through released figures, never through their rounds.
    const [current, previous] = await this.deps.dashboard.rounds([m.id]);
    const [scored, released] = await Promise.all([
      this.scoreRounds(previous ? [previous] : []),
      this.deps.comparisons.released(),
    ]);
    const sets = current
      ? ((await this.deps.dashboard.answersOfRounds([current.assessment.id])).get(current.assessment.id) ?? [])
      : [];
    const currentScored = current ? this.scoreSets(current, sets) : undefined;
    const row = this.row(m, current, currentScored?.scored);
    const q = current
      ? this.deps.registry.getQuestionnaire(current.assessment.questionnaireVersion)
      : this.deps.registry.currentQuestionnaire();
    const score = current && current.answers > 0 ? (currentScored?.scored.score ?? null) : null;
    const previousScore = previous ? scored.get(previous.assessment.id)?.score : undefined;
    const textOf = (questionId: string): LocalizedText =>
      findQuestion(q, questionId)?.text ?? { de: questionId, en: questionId };
    const consolidated = currentScored?.consolidated;
    return {
      ...row,
      stalledDays: this.deps.stalledDays,
      fieldNames: FIELD_NAMES,
      score,
      knowledgeGaps: (score?.fields ?? []).flatMap((f) =>
        f.knowledgeGaps.map((questionId) => ({ questionId, fieldId: f.fieldId, text: textOf(questionId) })),
      ),
      divergences: (consolidated?.divergences ?? []).map((d) => ({
        questionId: d.questionId,
        fieldId: d.fieldId,
        text: textOf(d.questionId),
        highest: d.highest,
        lowest: d.lowest,
        steps: d.steps,
        answers: d.answers.map((a) => ({ role: a.role, value: a.value })),
      })),
      coverage: decide(principal, 'view_respondents', { municipalityId: m.id }).allowed
        ? coverageByRole(consolidated?.coverage ?? [])
        : null,
      // Released figures only (closed rounds, docs/scoring.md §10); null spares the page an empty section.
      comparison: score !== null && released.releasedAt !== null ? compareWithRelease(score, released) : null,
      minComparisonGroup: MIN_COMPARISON_GROUP,
      previousRound: previous ? roundView(previous) : null,
      change: score !== null && previousScore !== undefined ? changeBetweenRounds(previousScore, score) : null,
      recommendations:
        score === null
          ? []
          : FIELD_IDS.flatMap((fieldId) => recommend(q, currentScored?.scored.answers ?? {}, fieldId)),
      exports: decide(principal, 'export', { municipalityId: m.id }).allowed
        ? {
            pdf: `/api/exports/${encodeURIComponent(m.id)}/report.pdf`,
            csv: `/api/exports/${encodeURIComponent(m.id)}/answers.csv`,
            json: `/api/exports/${encodeURIComponent(m.id)}/answers.json`,
          }
        : null,
    };
  }

  private newestByMunicipality(rounds: readonly RoundSummary[]): Map<string, RoundSummary> {
    const newest = new Map<string, RoundSummary>();
    for (const r of rounds) {
      const seen = newest.get(r.assessment.municipalityId);
      if (seen === undefined || r.assessment.round > seen.assessment.round) newest.set(r.assessment.municipalityId, r);
    }
    return newest;
  }

  private fingerprint(r: RoundSummary): string {
    return `${r.assessment.id}|${r.assessment.status}|${r.answers}|${r.lastAnswerAt?.getTime() ?? 0}`;
  }

  private scoreSets(r: RoundSummary, sets: readonly RespondentAnswerSet[]) {
    const q = this.deps.registry.getQuestionnaire(r.assessment.questionnaireVersion);
    const consolidated = consolidate(q, sets);
    const score = scoreAssessment(q, consolidated.answers);
    const scored: Scored = {
      answers: consolidated.answers,
      score,
      complete: isAssessmentComplete(q, consolidated.answers),
    };
    this.remember(this.fingerprint(r), scored);
    return { consolidated, scored };
  }

  private remember(key: string, value: Scored): void {
    if (this.scored.size >= CACHE_LIMIT) this.scored.clear();
    this.scored.set(key, value);
  }

  /** Scores of the given rounds, loading answers only for rounds whose fingerprint is not cached. */
  private async scoreRounds(rounds: readonly RoundSummary[]): Promise<Map<string, Scored>> {
    const result = new Map<string, Scored>();
    const missing: RoundSummary[] = [];
    for (const r of rounds) {
      if (r.answers === 0) continue;
      const hit = this.scored.get(this.fingerprint(r));
      if (hit) result.set(r.assessment.id, hit);
      else missing.push(r);
    }
    if (missing.length > 0) {
      const sets = await this.deps.dashboard.answersOfRounds(missing.map((r) => r.assessment.id));
      for (const r of missing) result.set(r.assessment.id, this.scoreSets(r, sets.get(r.assessment.id) ?? []).scored);
    }
    return result;
  }

  private stalled(r: RoundSummary): boolean {
    const now = this.deps.clock.now().getTime();
    return r.lastAnswerAt !== null && now - r.lastAnswerAt.getTime() > this.deps.stalledDays * DAY_MS;
  }

  private row(m: Municipality, r: RoundSummary | undefined, s: Scored | undefined): OverviewRow {
    const empty = scoreAssessment(
      r
        ? this.deps.registry.getQuestionnaire(r.assessment.questionnaireVersion)
        : this.deps.registry.currentQuestionnaire(),
      {},
    );
    const score = s?.score ?? empty;
    const complete = r !== undefined && (r.assessment.status === 'completed' || (s?.complete ?? false));
    const stalled = r !== undefined && !complete && this.stalled(r);
    const state: ProgressState =
      r === undefined || r.answers === 0 ? 'not_started' : complete ? 'complete' : stalled ? 'stalled' : 'in_progress';
    return {
      municipality: refOf(m),
      round: r ? roundView(r) : null,
      state,
      respondents: r?.respondents ?? 0,
      overall: {
        score: score.overall.score,
        level: score.overall.level,
        trafficLight: score.overall.trafficLight,
        completeness: s ? score.overall.completeness : null,
      },
      fields: fieldViews(score, stalled && state === 'stalled'),
    };
  }
}
