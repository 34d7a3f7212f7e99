import type { PrismaClient } from '../../generated/prisma/client';
import type { Assessment } from '../../domain/model';
import type { ResultsRepository } from '../../domain/ports/dashboard';
import { toAssessment } from './prismaAssessmentRepository';

export class PrismaResultsRepository implements ResultsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async roundsWithAnswers(): Promise<readonly Assessment[]> {
    const rows = await this.prisma.assessment.findMany({
      // The demo's sandbox rounds are never compared with real municipalities.
      where: { answers: { some: {} }, sandboxOf: null, municipality: { demo: false } },
      orderBy: [{ municipalityId: 'asc' }, { round: 'desc' }],
    });
    return rows.map(toAssessment);
  }
}
