import { type Assessment as AssessmentRow, type PrismaClient } from '../../generated/prisma/client';
import type { Assessment } from '../../domain/model';
import type { AssessmentRepository } from '../../domain/ports/selfCheck';

export function toAssessment(row: AssessmentRow): Assessment {
  return {
    id: row.id,
    municipalityId: row.municipalityId,
    questionnaireVersion: row.questionnaireVersion,
    round: row.round,
    status: row.status,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    sandboxOf: row.sandboxOf,
  };
}

export class PrismaAssessmentRepository implements AssessmentRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async find(id: string): Promise<Assessment | undefined> {
    const row = await this.prisma.assessment.findUnique({ where: { id } });
    return row === null ? undefined : toAssessment(row);
  }

  async findCurrent(municipalityId: string): Promise<Assessment | undefined> {
    const row = await this.prisma.assessment.findFirst({
      where: { municipalityId, status: 'in_progress', sandboxOf: null },
      orderBy: { round: 'desc' },
    });
    return row === null ? undefined : toAssessment(row);
  }

  async currentOrStart(municipalityId: string, questionnaireVersion: number, sandboxOf?: string): Promise<Assessment> {
    // Locking the municipality row serialises colleagues starting at the same moment, so exactly one
    // round is created and everyone else joins it (read committed alone would let both insert).
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "municipality" WHERE "id" = ${municipalityId} FOR UPDATE`;
      const current = await tx.assessment.findFirst({
        where: { municipalityId, status: 'in_progress', sandboxOf: sandboxOf ?? null },
        orderBy: { round: 'desc' },
      });
      if (current !== null) return toAssessment(current);
      // Sandbox rounds of the demo share the municipality's round numbers, so (municipality, round) stays unique.
      const last = await tx.assessment.aggregate({ where: { municipalityId }, _max: { round: true } });
      const round = (last._max.round ?? 0) + 1;
      return toAssessment(
        await tx.assessment.create({
          data: { municipalityId, questionnaireVersion, round, sandboxOf: sandboxOf ?? null },
        }),
      );
    });
  }

  async complete(id: string, at: Date): Promise<Assessment | undefined> {
    // Conditional update: only the first of two concurrent "complete" requests wins.
    const { count } = await this.prisma.assessment.updateMany({
      where: { id, status: 'in_progress' },
      data: { status: 'completed', completedAt: at },
    });
    return count === 0 ? undefined : this.find(id);
  }
}
