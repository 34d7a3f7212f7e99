/**
 * Snapshots of closed rounds and the comparison figures released from them (docs/scoring.md §10). Open rounds
 * never reach a comparison: only what a round looked like when it closed.
 */
import type { Assessment } from '../model';
import type { AnswerMap, ReleaseContent } from '../selbstcheck';

export interface RoundSnapshot {
  readonly assessmentId: string;
  readonly municipalityId: string;
  readonly questionnaireVersion: number;
  /** The consolidated answer per question when the round closed. */
  readonly answers: AnswerMap;
  readonly closedAt: Date;
}

export interface StoredRelease {
  readonly seq: number;
  readonly releasedAt: Date;
  readonly content: ReleaseContent;
}

export interface ComparisonRepository {
  /** Closed rounds of real municipalities (no demo, no sandbox) that have no snapshot yet. */
  unsnapshotted(): Promise<readonly Assessment[]>;
  /** Stores a snapshot unless the round has one already (the first one taken stays). */
  saveSnapshot(snapshot: RoundSnapshot): Promise<void>;
  /** Every snapshot of the comparison group: municipalities that are neither demo nor archived. */
  snapshots(): Promise<readonly RoundSnapshot[]>;
  latestRelease(): Promise<StoredRelease | null>;
  /** False when another instance released the same number first. */
  insertRelease(release: StoredRelease): Promise<boolean>;
}
