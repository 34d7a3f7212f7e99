import type { DashboardRepository, Municipality, RespondentAnswerSet, RoundSummary } from '../../src/domain/ports';
import {
  NO_RELEASE,
  compareWithRelease,
  consolidate,
  defaultRegistry,
  scoreAssessment,
  type ReleasedFigures,
  type StoredAnswer,
} from '../../src/domain/selbstcheck';
import { AccessService } from '../../src/services/accessService';
import { aadIdentityKey } from '../../src/domain/access';
import { DashboardService } from '../../src/services/dashboardService';
import { MemoryAccessRepository } from '../fakes/memoryAccessRepository';

const TENANT = '11111111-2222-4333-8444-555555555555';
const COORDINATOR = aadIdentityKey(TENANT, 'coord');
const q = defaultRegistry.currentQuestionnaire();
const DAY = 24 * 3600 * 1000;
/** Figures as a release would show them: the own municipality's 'partial' answers fall in the lower middle. */
const RELEASED: ReleasedFigures = {
  ...NO_RELEASE,
  series: {
    ...NO_RELEASE.series,
    overall: { median: 60, lowerQuartile: 25, upperQuartile: 80, municipalities: 6 },
  },
  releasedAt: new Date('2026-11-30T09:00:00Z'),
};

function answers(value: StoredAnswer): Record<string, StoredAnswer> {
  return Object.fromEntries(q.questions.filter((x) => x.gate === undefined).map((x) => [x.id, value]));
}

class FakeDashboardRepository implements DashboardRepository {
  readonly sets = new Map<string, RespondentAnswerSet[]>();
  readonly summaries: RoundSummary[] = [];
  loads = 0;
  add(municipalityId: string, value: StoredAnswer, lastAnswerAt: Date): void {
    const id = `${municipalityId}-1`;
    const set = [{ respondentId: `${municipalityId}-r`, role: 'other' as const, answers: answers(value) }];
    this.sets.set(id, set);
    this.summaries.push({
      assessment: {
        id,
        municipalityId,
        questionnaireVersion: q.version,
        round: 1,
        status: 'in_progress',
        startedAt: new Date(0),
        completedAt: null,
        sandboxOf: null,
      },
      respondents: 1,
      answers: Object.keys(set.at(0)!.answers).length,
      lastAnswerAt,
    });
  }
  rounds(ids?: readonly string[]) {
    return Promise.resolve(
      this.summaries.filter((s) => ids === undefined || ids.includes(s.assessment.municipalityId)),
    );
  }
  answersOfRounds(ids: readonly string[]) {
    this.loads += 1;
    return Promise.resolve(new Map(ids.map((id) => [id, this.sets.get(id) ?? []])));
  }
}

function setup(others: number, released: ReleasedFigures = NO_RELEASE, now = new Date()) {
  const names = ['own', ...Array.from({ length: others }, (_, i) => `m${i}`)];
  const municipalities: Municipality[] = names.map((id) => ({
    id,
    name: id,
    kind: 'kreisfreie_stadt',
    state: 'X',
    officialKey: null,
    archived: false,
    demo: false,
  }));
  const repo = new FakeDashboardRepository();
  const values: StoredAnswer[] = ['full', 'partial', 'planned', 'none'];
  names.forEach((id, i) =>
    repo.add(id, values.at(i % values.length)!, new Date(now.getTime() - (id === 'own' ? 10 * DAY : DAY))),
  );
  const service = new DashboardService({
    municipalities: {
      list: () => Promise.resolve(municipalities),
      find: (id) => Promise.resolve(municipalities.find((m) => m.id === id)),
    },
    respondents: { findByIdentity: () => Promise.resolve(undefined) },
    dashboard: repo,
    registry: defaultRegistry,
    access: new AccessService({
      access: new MemoryAccessRepository(),
      respondents: { findByIdentity: () => Promise.resolve(undefined) },
      bootstrap: { objectIds: ['coord'], tenantIds: [TENANT] },
    }),
    comparisons: { released: () => Promise.resolve(released) },
    stalledDays: 7,
    clock: { now: () => now },
  });
  return { service, repo };
}

describe('DashboardService', () => {
  it('compares only with released figures, never with rounds of others in progress', async () => {
    // Five others answering: nothing released yet, so nothing to compare with.
    const open = await setup(5).service.municipality(COORDINATOR, 'own');
    expect(open.status === 'ok' && open.value.comparison).toBeNull();
    const { service, repo } = setup(5, RELEASED);
    const released = await service.municipality(COORDINATOR, 'own');
    if (released.status !== 'ok') throw new Error('expected ok');
    const own = scoreAssessment(q, consolidate(q, repo.sets.get('own-1') ?? []).answers);
    expect(released.value.comparison).toEqual(compareWithRelease(own, RELEASED));
    expect(released.value.comparison?.releasedAt).toEqual(RELEASED.releasedAt);
  });

  it('marks a municipality stalled after DASHBOARD_STALLED_DAYS without an answer (controlled clock)', async () => {
    const overview = await setup(2).service.overview(COORDINATOR);
    expect(overview.municipalities.map((m) => [m.municipality.id, m.state])).toEqual([
      ['own', 'stalled'],
      ['m0', 'in_progress'],
      ['m1', 'in_progress'],
    ]);
  });

  it('scores unchanged rounds once (fingerprint cache) and recomputes after a new answer', async () => {
    const { service, repo } = setup(5);
    await service.overview(COORDINATOR);
    await service.overview(COORDINATOR);
    expect(repo.loads).toBe(1);
    const first = repo.summaries.at(1)!;
    repo.summaries[1] = { ...first, lastAnswerAt: new Date(), answers: first.answers };
    await service.overview(COORDINATOR);
    expect(repo.loads).toBe(2);
  });
});
