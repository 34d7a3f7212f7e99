/**
 * Use cases of the self-check conversation. Imports only the domain and its ports, so dialogs can be
 * tested with in-memory fakes and the storage technology can change without touching the flow.
 */
import type {
  Assessment,
  AnswerWriteOutcome,
  MembershipSource,
  Municipality,
  Respondent,
  RespondentPatch,
} from '../domain/model';
import type { MembershipRepository } from '../domain/ports/membership';
import type { Clock } from '../domain/ports/clock';
import type { ReportSummary } from '../domain/ports/exports';
import type {
  AssessmentRepository,
  AnswerRepository,
  MunicipalityRepository,
  RespondentRepository,
} from '../domain/ports/selfCheck';
import {
  FIELD_IDS,
  consolidate,
  fieldProgress,
  findQuestion,
  gateState,
  isFieldComplete,
  nextQuestion,
  recommend,
  scoreAssessment,
  scoreField,
  type AnswerMap,
  type FieldId,
  type FieldScore,
  type Question,
  type Questionnaire,
  type QuestionnaireRegistry,
  type Recommendation,
  type Locale,
  type Role,
  type StoredAnswer,
} from '../domain/selbstcheck';

export interface SelfCheckDeps {
  readonly municipalities: MunicipalityRepository;
  readonly respondents: RespondentRepository;
  readonly assessments: AssessmentRepository;
  readonly answers: AnswerRepository;
  /** Joining a municipality (verified elsewhere: tenant, invitation code, the demo). */
  readonly membership: Pick<MembershipRepository, 'join'>;
  readonly registry: QuestionnaireRegistry;
  /** When a round is closed. */
  readonly clock: Clock;
}

export type RecordAnswerResult =
  | { readonly kind: 'stored'; readonly outcome: AnswerWriteOutcome }
  | {
      readonly kind: 'rejected';
      readonly reason: 'unknown_question' | 'not_applicable' | 'wrong_version' | 'round_closed';
    };

export interface Progress {
  readonly answers: AnswerMap;
  readonly next: Question | undefined;
  /** 1-based position of `next` among the applicable questions ("Frage n von ca. N"). */
  readonly position: number;
  /** Applicable questions with the current answers; changes as gate questions open or close follow-ups. */
  readonly total: number;
  readonly fields: readonly { readonly fieldId: FieldId; readonly answered: number; readonly applicable: number }[];
}

export interface FieldSummary {
  readonly score: FieldScore;
  readonly recommendations: readonly Recommendation[];
}

/** A round's consolidated results: the same shape the export report shows. */
export type OverallSummary = ReportSummary;

export class SelfCheckService {
  constructor(private readonly deps: SelfCheckDeps) {}

  questionnaire(version: number): Questionnaire {
    return this.deps.registry.getQuestionnaire(version);
  }

  listMunicipalities(): Promise<readonly Municipality[]> {
    return this.deps.municipalities.list();
  }

  findMunicipality(id: string): Promise<Municipality | undefined> {
    return this.deps.municipalities.find(id);
  }

  registerRespondent(identityKey: string, locale: Locale): Promise<Respondent> {
    return this.deps.respondents.findOrCreate(identityKey, locale);
  }

  /** Looks a respondent up without creating one: nothing is stored about a person before consent. */
  findRespondentByIdentity(identityKey: string): Promise<Respondent | undefined> {
    return this.deps.respondents.findByIdentity(identityKey);
  }

  updateRespondent(id: string, patch: RespondentPatch): Promise<Respondent> {
    return this.deps.respondents.update(id, patch);
  }

  /**
   * Makes the respondent a member of the municipality. Callers have verified the membership (a registered
   * tenant, an invitation code, the open demo); this only records it and numbers the member.
   */
  joinMunicipality(respondentId: string, municipalityId: string, source: MembershipSource): Promise<Respondent> {
    return this.deps.membership.join(respondentId, municipalityId, source);
  }

  findAssessment(id: string): Promise<Assessment | undefined> {
    return this.deps.assessments.find(id);
  }

  /**
   * Joins the municipality's current round, or starts the next one pinned to the newest questionnaire.
   * A member of the demo gets a private sandbox round instead: visitors never see each other's answers.
   */
  async startOrJoinAssessment(
    municipalityId: string,
    member?: Pick<Respondent, 'id' | 'membership'>,
  ): Promise<Assessment> {
    const versions = this.deps.registry.questionnaireVersions();
    const latest = versions[versions.length - 1];
    if (latest === undefined) throw new Error('no questionnaire registered');
    const sandboxOf = member?.membership === 'demo' ? member.id : undefined;
    return this.deps.assessments.currentOrStart(municipalityId, latest, sandboxOf);
  }

  /**
   * Stores an answer the moment it is given. The caller has checked that the assessment belongs to the
   * respondent's municipality; here the question is checked against the pinned questionnaire version.
   */
  async recordAnswer(input: {
    readonly assessment: Pick<Assessment, 'id' | 'questionnaireVersion'>;
    readonly respondentId: string;
    readonly questionId: string;
    readonly questionnaireVersion?: number;
    readonly value: StoredAnswer;
    readonly comment?: string | null;
    readonly channel: string;
    /** The respondent's answers before this one, when the caller has them (saves a query). */
    readonly answers?: AnswerMap;
  }): Promise<RecordAnswerResult> {
    const { assessment } = input;
    if (input.questionnaireVersion !== undefined && input.questionnaireVersion !== assessment.questionnaireVersion) {
      return { kind: 'rejected', reason: 'wrong_version' };
    }
    const q = this.questionnaire(assessment.questionnaireVersion);
    const question = findQuestion(q, input.questionId);
    if (question === undefined) return { kind: 'rejected', reason: 'unknown_question' };
    if (input.answers !== undefined && gateState(question, input.answers) !== 'open') {
      return { kind: 'rejected', reason: 'not_applicable' };
    }
    const comment = input.comment?.trim() ? input.comment.trim().slice(0, 2000) : null;
    // whether this answer completes the respondent's field is decided here, from the answers
    // before it (given by the dialog, else loaded), so the outbox event is written in the same statement.
    const before = input.answers ?? (await this.deps.answers.answersOf(assessment.id, input.respondentId));
    const completes =
      !isFieldComplete(q, question.field, before) &&
      isFieldComplete(q, question.field, { ...before, [question.id]: input.value });
    const outcome = await this.deps.answers.write({
      assessmentId: assessment.id,
      respondentId: input.respondentId,
      questionId: question.id,
      value: input.value,
      comment,
      questionnaireVersion: assessment.questionnaireVersion,
      channel: input.channel,
      ...(completes ? { completion: { fieldId: question.field, totalFields: FIELD_IDS.length } } : {}),
    });
    if (outcome === 'closed') return { kind: 'rejected', reason: 'round_closed' };
    return { kind: 'stored', outcome };
  }

  /** Start over: the respondent's answers of the round are removed (their history with them). */
  startOver(assessmentId: string, respondentId: string): Promise<number> {
    return this.deps.answers.clear(assessmentId, respondentId);
  }

  /** What colleagues of the same round have answered, per field (roles only: names are never stored). */
  async colleaguesProgress(
    assessment: Pick<Assessment, 'id' | 'questionnaireVersion'>,
    respondentId: string,
  ): Promise<
    readonly {
      readonly role: Role;
      readonly fields: readonly { readonly fieldId: FieldId; readonly answered: number; readonly applicable: number }[];
    }[]
  > {
    const q = this.questionnaire(assessment.questionnaireVersion);
    const sets = await this.deps.answers.answersOfAll(assessment.id);
    return sets
      .filter((s) => s.respondentId !== respondentId)
      .map((s) => ({
        role: s.role,
        fields: FIELD_IDS.map((fieldId) => ({ fieldId, ...fieldProgress(q, fieldId, s.answers) })),
      }));
  }

  answersOf(assessmentId: string, respondentId: string): Promise<AnswerMap> {
    return this.deps.answers.answersOf(assessmentId, respondentId);
  }

  /** Where the respondent stands; pure over the answers so resume works from stored data alone. */
  progress(
    version: number,
    answers: AnswerMap,
    from?: { readonly field?: FieldId; readonly after?: string },
  ): Progress {
    const q = this.questionnaire(version);
    const fields = FIELD_IDS.map((fieldId) => ({ fieldId, ...fieldProgress(q, fieldId, answers) }));
    const total = fields.reduce((sum, f) => sum + f.applicable, 0);
    const answered = fields.reduce((sum, f) => sum + f.answered, 0);
    const next = nextQuestion(q, answers, from ?? {});
    return { answers, next, position: Math.min(answered + 1, total), total, fields };
  }

  fieldSummary(version: number, answers: AnswerMap, fieldId: FieldId): FieldSummary {
    const q = this.questionnaire(version);
    return { score: scoreField(q, fieldId, answers), recommendations: recommend(q, answers, fieldId) };
  }

  /**
   * The respondent's own answers scored like a round of one: what a respondent without the lead role sees
   * for `ergebnis` (the consolidated result of everyone is for the lead).
   */
  async ownSummary(
    assessment: Pick<Assessment, 'id' | 'questionnaireVersion'>,
    respondentId: string,
  ): Promise<OverallSummary> {
    const q = this.questionnaire(assessment.questionnaireVersion);
    const answers = await this.deps.answers.answersOf(assessment.id, respondentId);
    const consolidated = consolidate(q, [{ respondentId, role: 'other', answers }]);
    const score = scoreAssessment(q, consolidated.answers);
    const recommendations = FIELD_IDS.flatMap((fieldId) => recommend(q, consolidated.answers, fieldId));
    return { respondents: 1, consolidated, score, recommendations };
  }

  /** Consolidates all respondents of the municipality's round (median answer, divergences) and scores it. */
  async overallSummary(assessment: Pick<Assessment, 'id' | 'questionnaireVersion'>): Promise<OverallSummary> {
    const q = this.questionnaire(assessment.questionnaireVersion);
    const sets = await this.deps.answers.answersOfAll(assessment.id);
    const consolidated = consolidate(q, sets);
    const score = scoreAssessment(q, consolidated.answers);
    const recommendations = FIELD_IDS.flatMap((fieldId) => recommend(q, consolidated.answers, fieldId));
    return { respondents: sets.length, consolidated, score, recommendations };
  }
}
