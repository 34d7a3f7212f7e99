/**
 * Read-only views of rounds for coordinators and municipal leads: the dashboard page and the results,
 * comparison and change-over-time replies of the bot.
 */
import type { Assessment, RespondentAnswerSet } from '../model';

/** One round of a municipality with a cheap fingerprint of its answers (for the dashboard). */
export interface RoundSummary {
  readonly assessment: Assessment;
  /** Respondents with at least one answer in the round. */
  readonly respondents: number;
  readonly answers: number;
  /** Newest answer (or answer change) in the round; null without answers. */
  readonly lastAnswerAt: Date | null;
}

/** Read-only queries of the coordinators' dashboard. */
export interface DashboardRepository {
  /**
   * Every round of the given municipalities (all when omitted), newest round first within a municipality; never
   * a round of the demo (sandboxes, the demo municipality).
   */
  rounds(municipalityIds?: readonly string[]): Promise<readonly RoundSummary[]>;
  /** Every respondent's answers per round (respondents without a role count as `other`). */
  answersOfRounds(assessmentIds: readonly string[]): Promise<ReadonlyMap<string, readonly RespondentAnswerSet[]>>;
}

/** Rounds that have answers, newest round first per municipality (for comparisons and change over time); no demo rounds. */
export interface ResultsRepository {
  roundsWithAnswers(): Promise<readonly Assessment[]>;
}
