/**
 * Ports: what the services need from storage, as plain data. Implemented in
 * src/infrastructure/repositories; nothing here knows about Prisma or botbuilder.
 */
import type { RoleGrant } from '../access';
import type { AnswerMap, Locale, Role, StoredAnswer } from '../selbstcheck';

export type MunicipalityKind = 'city' | 'district';

export interface Municipality {
  readonly id: string;
  readonly name: string;
  readonly kind: MunicipalityKind;
  /** Bundesland. */
  readonly state: string;
}

/**
 * A person answering the self-check.
 * @remarks `identityKey` is channel independent where the channel allows it (Teams: AAD object id + tenant),
 * so the same person continues in another Teams client; other channels fall back to `channelId:userId`.
 */
export interface Respondent {
  readonly id: string;
  readonly identityKey: string;
  readonly municipalityId: string | null;
  readonly role: Role | null;
  readonly locale: Locale | null;
  readonly consentedAt: Date | null;
}

export type RespondentPatch = Partial<Pick<Respondent, 'municipalityId' | 'role' | 'locale' | 'consentedAt'>>;

export type AssessmentStatus = 'in_progress' | 'completed';

/** One round of a municipality's self-check; the questionnaire version is pinned when the round starts. */
export interface Assessment {
  readonly id: string;
  readonly municipalityId: string;
  readonly questionnaireVersion: number;
  readonly round: number;
  readonly status: AssessmentStatus;
  readonly startedAt: Date;
  readonly completedAt: Date | null;
}

export interface AnswerWrite {
  readonly assessmentId: string;
  readonly respondentId: string;
  readonly questionId: string;
  readonly value: StoredAnswer;
  /** Null keeps an existing comment: answering again without a comment must not erase the evidence. */
  readonly comment: string | null;
  readonly questionnaireVersion: number;
  readonly channel: string;
}

/**
 * created: first answer; changed: a different value/comment (history row added); unchanged: same answer again
 * (a retried turn); closed: the round was completed meanwhile, nothing was written.
 */
export type AnswerWriteOutcome = 'created' | 'changed' | 'unchanged' | 'closed';

export interface RespondentAnswerSet {
  readonly respondentId: string;
  readonly role: Role;
  readonly answers: AnswerMap;
}

export interface MunicipalityRepository {
  list(): Promise<readonly Municipality[]>;
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
  /** The newest round of the municipality that is still in progress. */
  findCurrent(municipalityId: string): Promise<Assessment | undefined>;
  /**
   * The municipality's round in progress, or a new round (last round + 1) pinned to `questionnaireVersion`.
   * Atomic: colleagues starting at the same moment end up in the same round.
   */
  currentOrStart(municipalityId: string, questionnaireVersion: number): Promise<Assessment>;
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
}

/** Explicit role grants (coordinator, municipal lead); bootstrap coordinators come from configuration. */
export interface AccessRepository {
  grantsOf(identityKey: string): Promise<readonly RoleGrant[]>;
  /** Idempotent: granting an existing grant again changes nothing. */
  grant(identityKey: string, grant: RoleGrant, grantedBy: string): Promise<void>;
  /** True when a grant was removed. */
  revoke(identityKey: string, grant: RoleGrant): Promise<boolean>;
}

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
