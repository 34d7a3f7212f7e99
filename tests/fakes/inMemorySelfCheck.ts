import { randomUUID } from 'node:crypto';
import type {
  Assessment,
  AssessmentRepository,
  AnswerRepository,
  AnswerWrite,
  AnswerWriteOutcome,
  Municipality,
  MunicipalityRepository,
  MembershipSource,
  Respondent,
  RespondentAnswerSet,
  RespondentPatch,
  RespondentRepository,
} from '../../src/domain/ports';
import type { AnswerMap, Locale, StoredAnswer } from '../../src/domain/selbstcheck';

/** In-memory implementations of the ports, for dialog tests without a database. */
export class InMemorySelfCheckStore
  implements MunicipalityRepository, RespondentRepository, AssessmentRepository, AnswerRepository
{
  readonly municipalities: Municipality[] = [
    {
      id: 'potsdam',
      name: 'Potsdam',
      kind: 'kreisfreie_stadt',
      state: 'Brandenburg',
      officialKey: '12054000',
      archived: false,
      demo: false,
    },
    {
      id: 'lk-teltow-flaeming',
      name: 'Landkreis Teltow-Fläming',
      kind: 'landkreis',
      state: 'Brandenburg',
      officialKey: '12072',
      archived: false,
      demo: false,
    },
  ];
  readonly respondents = new Map<string, Respondent>();
  readonly assessments: Assessment[] = [];
  readonly answers = new Map<
    string,
    {
      value: StoredAnswer;
      comment: string | null;
      history: number;
      respondentId: string;
      assessmentId: string;
      questionId: string;
    }
  >();

  list(): Promise<readonly Municipality[]> {
    // Same order as the Prisma repository: by name.
    return Promise.resolve([...this.municipalities].sort((a, b) => a.name.localeCompare(b.name, 'de')));
  }
  findOrCreate(identityKey: string, locale: Locale): Promise<Respondent> {
    const existing = [...this.respondents.values()].find((r) => r.identityKey === identityKey);
    if (existing) return Promise.resolve(existing);
    const created: Respondent = {
      id: randomUUID(),
      identityKey,
      municipalityId: null,
      role: null,
      locale,
      consentedAt: null,
      membership: null,
      memberNo: null,
    };
    this.respondents.set(created.id, created);
    return Promise.resolve(created);
  }
  findById(id: string): Promise<Respondent | undefined> {
    return Promise.resolve(this.respondents.get(id));
  }
  complete(id: string, at: Date): Promise<Assessment | undefined> {
    const index = this.assessments.findIndex((a) => a.id === id && a.status === 'in_progress');
    const current = this.assessments[index];
    if (current === undefined) return Promise.resolve(undefined);
    const done: Assessment = { ...current, status: 'completed', completedAt: at };
    this.assessments[index] = done;
    return Promise.resolve(done);
  }
  findByIdentity(identityKey: string): Promise<Respondent | undefined> {
    return Promise.resolve([...this.respondents.values()].find((r) => r.identityKey === identityKey));
  }
  update(id: string, patch: RespondentPatch): Promise<Respondent> {
    const current = this.respondents.get(id);
    // Rejected, not thrown: callers see the same failure as from the Prisma repository.
    if (!current) return Promise.reject(new Error(`no respondent ${id}`));
    const next = { ...current, ...patch };
    this.respondents.set(id, next);
    return Promise.resolve(next);
  }
  /** MembershipRepository.join: numbers members per municipality like the database does. */
  join(respondentId: string, municipalityId: string, source: MembershipSource): Promise<Respondent> {
    const current = this.respondents.get(respondentId);
    if (!current) return Promise.reject(new Error(`no respondent ${respondentId}`));
    const same = current.municipalityId === municipalityId && current.memberNo !== null;
    const numbers = [...this.respondents.values()].filter((r) => r.municipalityId === municipalityId);
    const memberNo = same ? current.memberNo : Math.max(0, ...numbers.map((r) => r.memberNo ?? 0)) + 1;
    const next: Respondent = { ...current, municipalityId, membership: source, memberNo };
    this.respondents.set(respondentId, next);
    return Promise.resolve(next);
  }
  // MunicipalityRepository.find and AssessmentRepository.find share one name.
  find(id: string): Promise<never> {
    const found = this.municipalities.find((m) => m.id === id) ?? this.assessments.find((a) => a.id === id);
    return Promise.resolve(found as never);
  }
  findCurrent(municipalityId: string, sandboxOf: string | null = null): Promise<Assessment | undefined> {
    return Promise.resolve(
      this.assessments
        .filter((a) => a.municipalityId === municipalityId && a.status === 'in_progress' && a.sandboxOf === sandboxOf)
        .at(-1),
    );
  }
  async currentOrStart(municipalityId: string, questionnaireVersion: number, sandboxOf?: string): Promise<Assessment> {
    const current = await this.findCurrent(municipalityId, sandboxOf ?? null);
    if (current) return current;
    const round = this.assessments.filter((a) => a.municipalityId === municipalityId).length + 1;
    const created: Assessment = {
      id: randomUUID(),
      municipalityId,
      questionnaireVersion,
      round,
      status: 'in_progress',
      startedAt: new Date(),
      completedAt: null,
      sandboxOf: sandboxOf ?? null,
    };
    this.assessments.push(created);
    return created;
  }
  write(a: AnswerWrite): Promise<AnswerWriteOutcome> {
    const key = `${a.assessmentId}|${a.respondentId}|${a.questionId}`;
    const prev = this.answers.get(key);
    const comment = a.comment ?? prev?.comment ?? null;
    if (this.assessments.find((x) => x.id === a.assessmentId)?.status !== 'in_progress')
      return Promise.resolve('closed');
    if (prev && prev.value === a.value && prev.comment === comment) return Promise.resolve('unchanged');
    this.answers.set(key, {
      value: a.value,
      comment,
      history: (prev?.history ?? 0) + 1,
      respondentId: a.respondentId,
      assessmentId: a.assessmentId,
      questionId: a.questionId,
    });
    return Promise.resolve(prev ? 'changed' : 'created');
  }
  answersOf(assessmentId: string, respondentId: string): Promise<AnswerMap> {
    return Promise.resolve(
      Object.fromEntries(
        [...this.answers.values()]
          .filter((x) => x.assessmentId === assessmentId && x.respondentId === respondentId)
          .map((x) => [x.questionId, x.value]),
      ),
    );
  }
  async answersOfAll(assessmentId: string): Promise<readonly RespondentAnswerSet[]> {
    const ids = new Set(
      [...this.answers.values()].filter((x) => x.assessmentId === assessmentId).map((x) => x.respondentId),
    );
    return Promise.all(
      [...ids].map(async (respondentId) => ({
        respondentId,
        role: this.respondents.get(respondentId)?.role ?? 'other',
        answers: await this.answersOf(assessmentId, respondentId),
      })),
    );
  }
  clear(assessmentId: string, respondentId: string): Promise<number> {
    const keys = [...this.answers.entries()]
      .filter(([, x]) => x.assessmentId === assessmentId && x.respondentId === respondentId)
      .map(([k]) => k);
    for (const k of keys) this.answers.delete(k);
    return Promise.resolve(keys.length);
  }
  historyCount(assessmentId: string, respondentId: string, questionId: string): Promise<number> {
    return Promise.resolve(this.answers.get(`${assessmentId}|${respondentId}|${questionId}`)?.history ?? 0);
  }
}
