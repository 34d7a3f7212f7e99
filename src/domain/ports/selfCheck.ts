/**
 * Storage the self-check conversation needs: municipalities, respondents, rounds and answers.
 * Implemented in src/infrastructure/repositories (and in memory for dialog tests).
 */
import type {
  Assessment,
  AnswerWrite,
  AnswerWriteOutcome,
  Municipality,
  Respondent,
  RespondentAnswerSet,
  RespondentPatch,
} from '../model';
import type { AnswerMap, Locale } from '../selbstcheck';

export interface MunicipalityRepository {
  /** The municipalities that are not archived (the demo included), by name. */
  list(): Promise<readonly Municipality[]>;
  /** Any municipality by id, archived ones included. */
  find(id: string): Promise<Municipality | undefined>;
}

export interface RespondentRepository {
  /** Returns the respondent with this identity, creating it on first contact (one round trip). */
  findOrCreate(identityKey: string, locale: Locale): Promise<Respondent>;
  findByIdentity(identityKey: string): Promise<Respondent | undefined>;
  findById(id: string): Promise<Respondent | undefined>;
  update(id: string, patch: RespondentPatch): Promise<Respondent>;
}

export interface AssessmentRepository {
  find(id: string): Promise<Assessment | undefined>;
  /** The newest shared round of the municipality that is still in progress (never a demo sandbox). */
  findCurrent(municipalityId: string): Promise<Assessment | undefined>;
  /**
   * The municipality's round in progress, or a new round (last round + 1) pinned to `questionnaireVersion`.
   * Atomic: colleagues starting at the same moment end up in the same round. With `sandboxOf` (the demo
   * municipality) the round is that respondent's private sandbox instead of the shared one.
   */
  currentOrStart(municipalityId: string, questionnaireVersion: number, sandboxOf?: string): Promise<Assessment>;
  /** Marks the round completed; undefined when it was not in progress (already completed or unknown). */
  complete(id: string, at: Date): Promise<Assessment | undefined>;
}

export interface AnswerRepository {
  /** Stores an answer and, on a change, its history, in one atomic step. */
  write(answer: AnswerWrite): Promise<AnswerWriteOutcome>;
  answersOf(assessmentId: string, respondentId: string): Promise<AnswerMap>;
  /** Every respondent's answers in the assessment (respondents without a role count as `other`). */
  answersOfAll(assessmentId: string): Promise<readonly RespondentAnswerSet[]>;
  historyCount(assessmentId: string, respondentId: string, questionId: string): Promise<number>;
  /** Starting over: removes the respondent's answers of a round still in progress; returns how many. */
  clear(assessmentId: string, respondentId: string): Promise<number>;
}
