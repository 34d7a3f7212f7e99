import type { PrismaClient } from '../../generated/prisma/client';
import type { Assessment } from '../../domain/model';
import type { ResultsRepository } from '../../domain/ports/dashboard';

export class PrismaResultsRepository implements ResultsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async roundsWithAnswers(): Promise<readonly Assessment[]> {
    const rows = await this.prisma.assessment.findMany({
      where: { answers: { some: {} } },
      orderBy: [{ municipalityId: 'asc' }, { round: 'desc' }],
    });
    return rows.map((r) => ({
      id: r.id,
      municipalityId: r.municipalityId,
      questionnaireVersion: r.questionnaireVersion,
      round: r.round,
      status: r.status,
      startedAt: r.startedAt,
      completedAt: r.completedAt,
    }));
  }
}
