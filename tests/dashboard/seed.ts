import type { PrismaClient } from '../../src/generated/prisma/client';
import { aadIdentityKey } from '../../src/domain/access';
import { SelfCheckService } from '../../src/services/selfCheckService';
import { defaultRegistry, gateState, type Role, type StoredAnswer } from '../../src/domain/selbstcheck';
import { PrismaOutboxRepository } from '../../src/infrastructure/outbox/prismaOutboxRepository';
import { PrismaMembershipRepository } from '../../src/infrastructure/repositories/prismaMembershipRepository';
import { PrismaAnswerRepository } from '../../src/infrastructure/repositories/prismaAnswerRepository';
import { PrismaAssessmentRepository } from '../../src/infrastructure/repositories/prismaAssessmentRepository';
import { PrismaMunicipalityRepository } from '../../src/infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaRespondentRepository } from '../../src/infrastructure/repositories/prismaRespondentRepository';
import { systemClock } from '../../src/infrastructure/clock';

export const TENANT = '11111111-2222-4333-8444-555555555555';
export const OTHER_TENANT = '99999999-2222-4333-8444-555555555555';
export const COORDINATOR_OID = 'c0000000-0000-4000-8000-000000000001';
export const LEAD_OID = 'l0000000-0000-4000-8000-000000000002';

/** Potsdam's respondents in round 2 (the lead answers too); oids are readable on purpose. */
export const POTSDAM = [
  { oid: LEAD_OID, role: 'integration_officer' as Role, seed: 1 },
  { oid: 'r0000000-0000-4000-8000-000000000003', role: 'mayor' as Role, seed: 2 },
  { oid: 'r0000000-0000-4000-8000-000000000004', role: 'advisory_council' as Role, seed: 3 },
  { oid: 'r0000000-0000-4000-8000-000000000005', role: 'integration_staff' as Role, seed: 4 },
];
export const RESPONDENT_OID = 'r0000000-0000-4000-8000-000000000003';
export const OTHERS = ['bochum', 'iserlohn', 'luebeck', 'konstanz', 'aachen', 'zwickau'];

const SCALE: StoredAnswer[] = ['full', 'partial', 'planned', 'none'];

/**
 * Deterministic, plausible answers: a municipality-wide picture (`profile`) that each respondent mostly
 * shares, one step off now and then, two steps off rarely (divergences), "don't know" sometimes (gaps).
 * Only open questions are answered (a gate answered `none` closes its follow-ups), up to `share` of them.
 */
function answersFor(profile: number, respondent: number, share = 1): [string, StoredAnswer][] {
  const q = defaultRegistry.currentQuestionnaire();
  const given: Record<string, StoredAnswer> = {};
  const out: [string, StoredAnswer][] = [];
  const limit = Math.floor(q.questions.length * share);
  q.questions.slice(0, limit).forEach((question, i) => {
    if (gateState(question, given) !== 'open') return;
    const bucket = (i * 7 + profile * 5 + Math.floor(i / 3) * profile) % 10;
    const base = bucket < 3 ? 0 : bucket < 6 ? 1 : bucket < 8 ? 2 : 3;
    let value: StoredAnswer;
    // Some questions nobody can answer (knowledge gaps survive consolidation only then).
    if (i % 29 === 13 || (i + respondent * 3) % 17 === 0) value = 'unknown';
    else if ((i + respondent * 5) % 19 === 0) value = SCALE[base < 2 ? base + 2 : base - 2] ?? 'partial';
    else if ((i + respondent) % 5 === 0) value = SCALE[base < 3 ? base + 1 : base - 1] ?? 'partial';
    else value = SCALE[base] ?? 'partial';
    given[question.id] = value;
    out.push([question.id, value]);
  });
  return out;
}

export function selfCheckOn(prisma: PrismaClient): SelfCheckService {
  return new SelfCheckService({
    municipalities: new PrismaMunicipalityRepository(prisma),
    respondents: new PrismaRespondentRepository(prisma),
    assessments: new PrismaAssessmentRepository(prisma),
    answers: new PrismaAnswerRepository(prisma),
    membership: new PrismaMembershipRepository(prisma),
    registry: defaultRegistry,
    clock: systemClock,
  });
}

async function answerAs(
  svc: SelfCheckService,
  municipalityId: string,
  oid: string,
  role: Role,
  profile: number,
  respondent: number,
  share = 1,
): Promise<void> {
  const r = await svc.registerRespondent(aadIdentityKey(TENANT, oid), 'de');
  await svc.updateRespondent(r.id, { role, consentedAt: new Date() });
  await svc.joinMunicipality(r.id, municipalityId, 'invitation');
  const assessment = await svc.startOrJoinAssessment(municipalityId);
  for (const [questionId, value] of answersFor(profile, respondent, share)) {
    const result = await svc.recordAnswer({ assessment, respondentId: r.id, questionId, value, channel: 'msteams' });
    if (result.kind !== 'stored') throw new Error(`seed answer ${questionId} rejected: ${result.reason}`);
  }
}

/**
 * Through the real services and repositories: Potsdam round 1 (completed by its integration officer) and
 * round 2 with four respondents; six other municipalities with one respondent each and their rounds closed
 * (enough for k ≥ 5);
 * Kiel with a half-finished round that the caller may backdate to make it stalled.
 */
export async function seedDashboard(prisma: PrismaClient): Promise<void> {
  const svc = selfCheckOn(prisma);
  await answerAs(svc, 'potsdam', LEAD_OID, 'integration_officer', 3, 1);
  const first = await svc.startOrJoinAssessment('potsdam');
  // Closed the way every round is closed (RoundService → the outbox repository: status and event together).
  if (!(await new PrismaOutboxRepository(prisma).completeAssessment(first.id, new Date())))
    throw new Error('round 1 not completed');
  for (const p of POTSDAM) await answerAs(svc, 'potsdam', p.oid, p.role, 4, p.seed, p.seed === 4 ? 0.5 : 1);
  let n = 10;
  for (const id of OTHERS) {
    await answerAs(
      svc,
      id,
      `o${String(n++).padStart(7, '0')}-0000-4000-8000-000000000000`,
      'integration_officer',
      n,
      1,
    );
    // Closed, so they count for comparisons (the first read snapshots them and releases figures).
    const round = await svc.startOrJoinAssessment(id);
    if (!(await new PrismaOutboxRepository(prisma).completeAssessment(round.id, new Date())))
      throw new Error(`${id} not completed`);
  }
  await answerAs(svc, 'kiel', 'k0000000-0000-4000-8000-000000000001', 'other', 2, 1, 0.3);
}
