/**
 * Comparisons with other municipalities (docs/scoring.md §10): a snapshot of each round as it closes, and
 * figures released from the snapshots by the domain's release rule. Readers only ever get the latest release;
 * nothing here looks at a round in progress.
 */
import type { AnswerRepository } from '../domain/ports/selfCheck';
import type { Assessment } from '../domain/model';
import type { Clock } from '../domain/ports/clock';
import type { ComparisonRepository, RoundSnapshot } from '../domain/ports/comparisons';
import {
  NO_RELEASE,
  SERIES_IDS,
  consolidate,
  nextRelease,
  scoreAssessment,
  type QuestionnaireRegistry,
  type ReleasedFigures,
  type SeriesId,
  type SnapshotScores,
} from '../domain/selbstcheck';

export interface ComparisonServiceDeps {
  readonly comparisons: ComparisonRepository;
  readonly answers: Pick<AnswerRepository, 'answersOfAll'>;
  readonly registry: QuestionnaireRegistry;
  readonly clock: Clock;
}

export class ComparisonService {
  constructor(private readonly deps: ComparisonServiceDeps) {}

  /** A round has just closed: freeze it, and release new figures if the rule allows. */
  async roundClosed(round: Assessment): Promise<void> {
    if (round.sandboxOf !== null) return;
    await this.snapshot(round, this.deps.clock.now());
    await this.releaseIfDue();
  }

  /** The figures readers may see now. */
  async released(): Promise<ReleasedFigures> {
    // Released here too, not only at a close: a release that failed at its close is not lost.
    const latest = await this.releaseIfDue();
    if (latest === null) return NO_RELEASE;
    const series = Object.fromEntries(SERIES_IDS.map((id) => [id, latest.content.series[id].figures]));
    return { series: series as ReleasedFigures['series'], releasedAt: latest.releasedAt };
  }

  private async snapshot(round: Assessment, closedAt: Date): Promise<void> {
    const q = this.deps.registry.getQuestionnaire(round.questionnaireVersion);
    const sets = await this.deps.answers.answersOfAll(round.id);
    const snapshot: RoundSnapshot = {
      assessmentId: round.id,
      municipalityId: round.municipalityId,
      questionnaireVersion: round.questionnaireVersion,
      answers: consolidate(q, sets).answers,
      closedAt,
    };
    await this.deps.comparisons.saveSnapshot(snapshot);
  }

  private scores(s: RoundSnapshot): SnapshotScores {
    // Each snapshot is scored with the questionnaire it was answered with; the answers are kept, so a later
    // version with a mapping of question ids could re-score it the same way.
    const score = scoreAssessment(this.deps.registry.getQuestionnaire(s.questionnaireVersion), s.answers);
    const scores = Object.fromEntries(score.fields.map((f) => [f.fieldId, f.score])) as Record<SeriesId, number | null>;
    scores.overall = score.overall.score;
    return { municipalityId: s.municipalityId, snapshotId: s.assessmentId, closedAt: s.closedAt, scores };
  }

  /** The newest release after releasing one if due; two instances at once: one inserts, the other reads it. */
  private async releaseIfDue() {
    // Rounds closed without a snapshot (before this version, or a snapshot that failed) are caught up first,
    // at the time they closed.
    const missing = await this.deps.comparisons.unsnapshotted();
    for (const round of missing) await this.snapshot(round, round.completedAt ?? this.deps.clock.now());
    for (let attempt = 0; attempt < 3; attempt++) {
      const previous = await this.deps.comparisons.latestRelease();
      const snapshots = (await this.deps.comparisons.snapshots()).map((s) => this.scores(s));
      const content = nextRelease(previous?.content ?? null, snapshots);
      if (content === null) return previous;
      const release = { seq: (previous?.seq ?? 0) + 1, releasedAt: this.deps.clock.now(), content };
      if (await this.deps.comparisons.insertRelease(release)) return release;
    }
    return this.deps.comparisons.latestRelease();
  }
}
