/** What the workshop exports (PDF, CSV, JSON) read: a municipality's newest round and its answer rows. */
import type { Assessment } from '../model';
import type { Role, StoredAnswer } from '../selbstcheck';

/** One stored answer with its history facts, for the workshop exports (CSV/JSON). */
export interface AnswerExportRow {
  readonly respondentId: string;
  /** Null when the respondent never chose a role. */
  readonly role: Role | null;
  readonly questionId: string;
  readonly value: StoredAnswer;
  readonly comment: string | null;
  readonly questionnaireVersion: number;
  readonly channel: string;
  readonly answeredAt: Date;
  /** Time of the first stored value (oldest history row), or answeredAt when there is no history. */
  readonly firstAnsweredAt: Date;
  /** How often the answer was changed after it was first given. */
  readonly changes: number;
}

export interface ExportSource {
  /** The municipality's newest round (in progress or completed). */
  latestAssessment(municipalityId: string): Promise<Assessment | undefined>;
  /** All answers of the round, ordered by respondent's first answer then question id. */
  answerRows(assessmentId: string): Promise<readonly AnswerExportRow[]>;
}
