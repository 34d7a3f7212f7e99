/**
 * What the dashboard's browser suites share: a service with the dashboard seed (plus a lead grant for Potsdam), the
 * numbers the domain core computes for Potsdam from the stored answers, and number formatting as the page does it.
 */
import path from 'node:path';
import { CHROMIUM, haveChromium } from '../support/browser';
import { loadConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/index';
import { consolidate, defaultRegistry, scoreAssessment, type AssessmentScore } from '../../src/domain/selbstcheck';
import { aadIdentityKey } from '../../src/domain/access';
import { PrismaAnswerRepository } from '../../src/infrastructure/repositories/prismaAnswerRepository';
import { PrismaDashboardRepository } from '../../src/infrastructure/repositories/prismaDashboardRepository';
import { PrismaAccessRepository } from '../../src/infrastructure/repositories/prismaAccessRepository';
import { baseEnv } from '../support/service';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { COORDINATOR_OID, LEAD_OID, TENANT, seedDashboard } from '../dashboard/seed';

if (!haveChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
export const describeBrowser = haveChromium ? describe : describe.skip;
export const DOCS = path.join(__dirname, '..', '..', 'docs');
/** The part of a DOM element these tests read; the test project compiles without the DOM library. */
export interface Attributed {
  getAttribute(name: string): string | null;
}

export const de = (v: number | null) =>
  v === null ? '–' : v.toLocaleString('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const en = (v: number | null) =>
  v === null ? '–' : v.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export interface SeededDashboard {
  database: TestDatabase;
  service: RunningService;
  url: string;
}

/** A fresh database with the deterministic dashboard seed, and the service on it with the given settings. */
export async function startSeededDashboard(env: Record<string, string>): Promise<SeededDashboard> {
  const database = await createTestDatabase();
  const service = await startService(
    loadConfig(
      baseEnv({
        DATABASE_URL: database.target.kind === 'postgres' ? database.target.url : 'pglite:memory',
        COORDINATOR_AAD_OBJECT_IDS: COORDINATOR_OID,
        COORDINATOR_TENANT_IDS: TENANT,
        ...env,
      }),
    ),
    { database: database.openOptions },
  );
  await seedDashboard(service.db.prisma);
  await new PrismaAccessRepository(service.db.prisma).grant(
    aadIdentityKey(TENANT, LEAD_OID),
    { role: 'lead', municipalityId: 'potsdam' },
    'test',
  );
  return { database, service, url: `http://127.0.0.1:${service.port}` };
}

/** The expected numbers, straight from the domain core over the stored answers. */
export async function expectedPotsdam(
  service: RunningService,
): Promise<{ score: AssessmentScore; divergences: number }> {
  const rounds = await new PrismaDashboardRepository(service.db.prisma).rounds(['potsdam']);
  const q = defaultRegistry.getQuestionnaire(rounds.at(0)!.assessment.questionnaireVersion);
  const consolidated = consolidate(
    q,
    await new PrismaAnswerRepository(service.db.prisma).answersOfAll(rounds.at(0)!.assessment.id),
  );
  return { score: scoreAssessment(q, consolidated.answers), divergences: consolidated.divergences.length };
}
