import { defaultRegistry } from '../../src/domain/selbstcheck';
import { PrismaMembershipRepository } from '../../src/infrastructure/repositories/prismaMembershipRepository';
import { PrismaAnswerRepository } from '../../src/infrastructure/repositories/prismaAnswerRepository';
import { PrismaAssessmentRepository } from '../../src/infrastructure/repositories/prismaAssessmentRepository';
import { PrismaMunicipalityRepository } from '../../src/infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaRespondentRepository } from '../../src/infrastructure/repositories/prismaRespondentRepository';
import { SelfCheckService } from '../../src/services/selfCheckService';
import type { Database } from '../../src/infrastructure/db/database';
import { openMigratedTestDatabase } from '../support/testDatabase';
import { systemClock } from '../../src/infrastructure/clock';

describe('SelfCheckService on the real database', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let service: SelfCheckService;
  beforeAll(async () => {
    ({ db, dispose } = await openMigratedTestDatabase());
    service = new SelfCheckService({
      municipalities: new PrismaMunicipalityRepository(db.prisma),
      respondents: new PrismaRespondentRepository(db.prisma),
      assessments: new PrismaAssessmentRepository(db.prisma),
      answers: new PrismaAnswerRepository(db.prisma),
      membership: new PrismaMembershipRepository(db.prisma),
      registry: defaultRegistry,
      clock: systemClock,
    });
  });
  afterAll(async () => dispose());

  it('lists the seeded municipalities incl. the pilot ones', async () => {
    const names = (await service.listMunicipalities()).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['Potsdam', 'Bochum', 'Iserlohn', 'Landkreis Teltow-Fläming']));
    expect(names.length).toBeGreaterThanOrEqual(15);
  });

  it('registers a respondent once per identity, also when two turns race', async () => {
    const all = await Promise.all([1, 2, 3, 4].map(() => service.registerRespondent('aad:tenant:obj-race', 'de')));
    expect(new Set(all.map((r) => r.id)).size).toBe(1);
    expect(await db.prisma.respondent.count({ where: { identityKey: 'aad:tenant:obj-race' } })).toBe(1);
  });

  it('respondents of one municipality share the current round; concurrent starts create one round', async () => {
    const started = await Promise.all([1, 2, 3, 4].map(() => service.startOrJoinAssessment('zwickau')));
    const x = started.at(0)!;
    expect(new Set(started.map((a) => a.id))).toEqual(new Set([x.id]));
    expect(await db.prisma.assessment.count({ where: { municipalityId: 'zwickau' } })).toBe(1);
    expect(x.round).toBe(1);
    expect(x.questionnaireVersion).toBe(Math.max(...defaultRegistry.questionnaireVersions()));
    expect((await service.startOrJoinAssessment('kiel')).id).not.toBe(x.id);
  });

  it('stores an answer idempotently, keeps history on change and rejects unknown questions', async () => {
    const r = await service.joinMunicipality(
      (await service.registerRespondent('webchat:svc-1', 'de')).id,
      'erlangen',
      'invitation',
    );
    const assessment = await service.startOrJoinAssessment('erlangen');
    const base = { assessment, respondentId: r.id, questionId: 'MS-01', channel: 'webchat' } as const;
    expect(await service.recordAnswer({ ...base, value: 'partial' })).toEqual({ kind: 'stored', outcome: 'created' });
    expect(await service.recordAnswer({ ...base, value: 'partial' })).toEqual({ kind: 'stored', outcome: 'unchanged' });
    const answers = new PrismaAnswerRepository(db.prisma);
    expect(await answers.historyCount(assessment.id, r.id, 'MS-01')).toBe(1);
    expect(await service.recordAnswer({ ...base, value: 'full', comment: 'Ratsbeschluss 2021' })).toEqual({
      kind: 'stored',
      outcome: 'changed',
    });
    // Same value without a comment keeps the comment and changes nothing.
    expect(await service.recordAnswer({ ...base, value: 'full' })).toEqual({ kind: 'stored', outcome: 'unchanged' });
    expect(await answers.historyCount(assessment.id, r.id, 'MS-01')).toBe(2);
    const row = await db.prisma.answer.findFirst({
      where: { assessmentId: assessment.id, respondentId: r.id, questionId: 'MS-01' },
    });
    expect(row).toMatchObject({ value: 'full', comment: 'Ratsbeschluss 2021' });

    expect(await service.recordAnswer({ ...base, questionId: 'XX-99', value: 'full' })).toEqual({
      kind: 'rejected',
      reason: 'unknown_question',
    });
    expect(await service.recordAnswer({ ...base, questionnaireVersion: 999, value: 'none' })).toEqual({
      kind: 'rejected',
      reason: 'wrong_version',
    });
    expect(await service.answersOf(assessment.id, r.id)).toEqual({ 'MS-01': 'full' });
  });

  it('derives the position from stored answers and consolidates two respondents with a divergence', async () => {
    const assessment = await service.startOrJoinAssessment('konstanz');
    const a = await service.updateRespondent(
      (
        await service.joinMunicipality(
          (await service.registerRespondent('webchat:svc-a', 'de')).id,
          'konstanz',
          'invitation',
        )
      ).id,
      { role: 'mayor' },
    );
    const b = await service.updateRespondent(
      (
        await service.joinMunicipality(
          (await service.registerRespondent('webchat:svc-b', 'de')).id,
          'konstanz',
          'invitation',
        )
      ).id,
      { role: 'integration_staff' },
    );
    await service.recordAnswer({
      assessment,
      respondentId: a.id,
      questionId: 'MS-01',
      value: 'full',
      channel: 'msteams',
    });
    await service.recordAnswer({
      assessment,
      respondentId: b.id,
      questionId: 'MS-01',
      value: 'none',
      channel: 'webchat',
    });
    const progress = service.progress(assessment.questionnaireVersion, await service.answersOf(assessment.id, a.id));
    expect(progress.next?.id).toBe('MS-02');
    expect(progress.position).toBe(2);
    const summary = await service.overallSummary(assessment);
    expect(summary.respondents).toBe(2);
    expect(summary.consolidated.divergences.map((d) => [d.questionId, d.highest, d.lowest])).toEqual([
      ['MS-01', 'full', 'none'],
    ]);
  });
});
