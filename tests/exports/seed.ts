/** A municipality with several respondents in different roles, on the real database (PGlite or PostgreSQL). */
import {
  FIELD_IDS,
  defaultRegistry,
  questionsOfField,
  type Role,
  type StoredAnswer,
} from '../../src/domain/selbstcheck';
import type { Database } from '../../src/infrastructure/db/database';
import { PrismaMembershipRepository } from '../../src/infrastructure/repositories/prismaMembershipRepository';
import { PrismaAnswerRepository } from '../../src/infrastructure/repositories/prismaAnswerRepository';
import { PrismaAssessmentRepository } from '../../src/infrastructure/repositories/prismaAssessmentRepository';
import { PrismaMunicipalityRepository } from '../../src/infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaRespondentRepository } from '../../src/infrastructure/repositories/prismaRespondentRepository';
import { PrismaExportSource } from '../../src/infrastructure/export/prismaExportSource';
import { ExportService } from '../../src/services/exportService';
import { documentExportRenderer } from '../../src/infrastructure/export/documentRenderer';
import { exportTexts } from '../../src/i18n/exportCatalog';
import { SelfCheckService } from '../../src/services/selfCheckService';
import { systemClock } from '../../src/infrastructure/clock';

export const MUNICIPALITY = 'lk-teltow-flaeming';
export const MUNICIPALITY_NAME = 'Landkreis Teltow-Fläming';
export const RESPONDENT_KEYS = ['aad:t:resp-1', 'aad:t:resp-2', 'aad:t:resp-3'] as const;
const ROLES: readonly Role[] = ['integration_officer', 'advisory_council', 'integration_staff'];
const CYCLE: readonly StoredAnswer[] = ['full', 'partial', 'planned', 'none', 'unknown', 'full', 'partial'];

export function services(db: Database) {
  const selfCheck = new SelfCheckService({
    municipalities: new PrismaMunicipalityRepository(db.prisma),
    respondents: new PrismaRespondentRepository(db.prisma),
    assessments: new PrismaAssessmentRepository(db.prisma),
    answers: new PrismaAnswerRepository(db.prisma),
    membership: new PrismaMembershipRepository(db.prisma),
    registry: defaultRegistry,
    clock: systemClock,
  });
  const exports = new ExportService({
    selfCheck,
    source: new PrismaExportSource(db.prisma),
    municipalities: new PrismaMunicipalityRepository(db.prisma),
    registry: defaultRegistry,
    clock: { now: () => new Date('2026-03-02T10:00:00Z') },
    renderer: documentExportRenderer(exportTexts),
  });
  return { selfCheck, exports };
}

/**
 * Three respondents answer every question of every field with deterministic, different values (so there are
 * divergences and knowledge gaps); the first changes one answer, and one comment tries a formula injection.
 */
export async function seedMunicipality(db: Database): Promise<{ assessmentId: string }> {
  const { selfCheck } = services(db);
  const assessment = await selfCheck.startOrJoinAssessment(MUNICIPALITY);
  const q = selfCheck.questionnaire(assessment.questionnaireVersion);
  for (const [i, key] of RESPONDENT_KEYS.entries()) {
    const r = await selfCheck.registerRespondent(key, 'de');
    await selfCheck.joinMunicipality(r.id, MUNICIPALITY, 'invitation');
    await selfCheck.updateRespondent(r.id, {
      role: ROLES[i] ?? 'other',
      consentedAt: new Date(),
    });
    let n = i * 2;
    for (const fieldId of FIELD_IDS) {
      for (const question of questionsOfField(q, fieldId)) {
        if (question.gate !== undefined) continue; // follow-ups stay unanswered, like a gate answered "none" would
        const value = CYCLE[n++ % CYCLE.length] ?? 'full';
        const comment =
          i === 0 && question.id === 'MS-01' ? '=HYPERLINK("http://evil.example";"klick"); Bürgerbüro' : null;
        await selfCheck.recordAnswer({
          assessment,
          respondentId: r.id,
          questionId: question.id,
          value,
          comment,
          channel: i === 1 ? 'webchat' : 'msteams',
        });
      }
    }
  }
  const first = await selfCheck.findRespondentByIdentity(RESPONDENT_KEYS[0]);
  await selfCheck.recordAnswer({
    assessment,
    respondentId: first!.id,
    questionId: 'MS-02',
    value: 'none',
    channel: 'msteams',
  });
  return { assessmentId: assessment.id };
}
