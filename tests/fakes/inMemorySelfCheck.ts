import { randomUUID } from 'node:crypto';
import type {
  Assessment,
  AssessmentRepository,
  AnswerRepository,
  AnswerWrite,
  AnswerWriteOutcome,
  Municipality,
  MunicipalityRepository,
  Respondent,
  RespondentAnswerSet,
  RespondentPatch,
  RespondentRepository,
} from '../../src/domain/ports';
import type { AnswerMap, Locale, StoredAnswer } from '../../src/domain/selbstcheck';

/** In-memory implementations of the ports, for dialog tests without a database. */
export class InMemorySelfCheckStore implements MunicipalityRepository, RespondentRepository, AssessmentRepository, AnswerRepository {
  readonly municipalities: Municipality[] = [
    { id: 'potsdam', name: 'Potsdam', kind: 'city', state: 'Brandenburg' },
    { id: 'lk-teltow-flaeming', name: 'Landkreis Teltow-Fläming', kind: 'district', state: 'Brandenburg' },
  ];
  readonly respondents = new Map<string, Respondent>();
  readonly assessments: Assessment[] = [];
  readonly answers = new Map<string, { value: StoredAnswer; comment: string | null; history: number; respondentId: string; assessmentId: string; questionId: string }>();

  async list(): Promise<readonly Municipality[]> {
    // Same order as the Prisma repository: by name.
    return [...this.municipalities].sort((a, b) => a.name.localeCompare(b.name, 'de'));
  }
  async findOrCreate(identityKey: string, locale: Locale): Promise<Respondent> {
    const existing = [...this.respondents.values()].find((r) => r.identityKey === identityKey);
    if (existing) return existing;
    const created: Respondent = { id: randomUUID(), identityKey, municipalityId: null, role: null, locale, consentedAt: null };
    this.respondents.set(created.id, created);
    return created;
  }
  async findById(id: string): Promise<Respondent | undefined> {
    return this.respondents.get(id);
  }
  async complete(id: string, at: Date): Promise<Assessment | undefined> {
    const index = this.assessments.findIndex((a) => a.id === id && a.status === 'in_progress');
    const current = this.assessments[index];
    if (current === undefined) return undefined;
    const done: Assessment = { ...current, status: 'completed', completedAt: at };
    this.assessments[index] = done;
    return done;
  }
  async findByIdentity(identityKey: string): Promise<Respondent | undefined> {
    return [...this.respondents.values()].find((r) => r.identityKey === identityKey);
  }
  async update(id: string, patch: RespondentPatch): Promise<Respondent> {
    const current = this.respondents.get(id);
    if (!current) throw new Error(`no respondent ${id}`);
    const next = { ...current, ...patch };
    this.respondents.set(id, next);
    return next;
  }
  // MunicipalityRepository.find and AssessmentRepository.find share one name.
  async find(id: string): Promise<never> {
    const found = this.municipalities.find((m) => m.id === id) ?? this.assessments.find((a) => a.id === id);
    return found as never;
  }
  async findCurrent(municipalityId: string): Promise<Assessment | undefined> {
    return this.assessments.filter((a) => a.municipalityId === municipalityId && a.status === 'in_progress').at(-1);
  }
  async currentOrStart(municipalityId: string, questionnaireVersion: number): Promise<Assessment> {
    const current = await this.findCurrent(municipalityId);
    if (current) return current;
    const round = this.assessments.filter((a) => a.municipalityId === municipalityId).length + 1;
    const created: Assessment = { id: randomUUID(), municipalityId, questionnaireVersion, round, status: 'in_progress', startedAt: new Date(), completedAt: null };
    this.assessments.push(created);
    return created;
  }
  async write(a: AnswerWrite): Promise<AnswerWriteOutcome> {
    const key = `${a.assessmentId}|${a.respondentId}|${a.questionId}`;
    const prev = this.answers.get(key);
    const comment = a.comment ?? prev?.comment ?? null;
    if (this.assessments.find((x) => x.id === a.assessmentId)?.status !== 'in_progress') return 'closed';
    if (prev && prev.value === a.value && prev.comment === comment) return 'unchanged';
    this.answers.set(key, { value: a.value, comment, history: (prev?.history ?? 0) + 1, respondentId: a.respondentId, assessmentId: a.assessmentId, questionId: a.questionId });
    return prev ? 'changed' : 'created';
  }
  async answersOf(assessmentId: string, respondentId: string): Promise<AnswerMap> {
    return Object.fromEntries(
      [...this.answers.values()].filter((x) => x.assessmentId === assessmentId && x.respondentId === respondentId).map((x) => [x.questionId, x.value]),
    );
  }
  async answersOfAll(assessmentId: string): Promise<readonly RespondentAnswerSet[]> {
    const ids = new Set([...this.answers.values()].filter((x) => x.assessmentId === assessmentId).map((x) => x.respondentId));
    return Promise.all(
      [...ids].map(async (respondentId) => ({ respondentId, role: this.respondents.get(respondentId)?.role ?? 'other', answers: await this.answersOf(assessmentId, respondentId) })),
    );
  }
  async clear(assessmentId: string, respondentId: string): Promise<number> {
    const keys = [...this.answers.entries()].filter(([, x]) => x.assessmentId === assessmentId && x.respondentId === respondentId).map(([k]) => k);
    for (const k of keys) this.answers.delete(k);
    return keys.length;
  }
  async historyCount(assessmentId: string, respondentId: string, questionId: string): Promise<number> {
    return this.answers.get(`${assessmentId}|${respondentId}|${questionId}`)?.history ?? 0;
  }
}
