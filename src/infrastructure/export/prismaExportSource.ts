import type { PrismaClient } from '../../generated/prisma/client';
import type { AnswerExportRow, Assessment, ExportSource } from '../../domain/ports';
import { toAssessment } from '../repositories/prismaAssessmentRepository';

export class PrismaExportSource implements ExportSource {
  constructor(private readonly prisma: PrismaClient) {}

  async latestAssessment(municipalityId: string): Promise<Assessment | undefined> {
    // Demo sandbox rounds are private to their visitor and never exported.
    const a = await this.prisma.assessment.findFirst({
      where: { municipalityId, sandboxOf: null, municipality: { demo: false } },
      orderBy: { round: 'desc' },
    });
    return a === null ? undefined : toAssessment(a);
  }

  async answerRows(assessmentId: string): Promise<readonly AnswerExportRow[]> {
    const rows = await this.prisma.answer.findMany({
      where: { assessmentId },
      select: {
        respondentId: true,
        questionId: true,
        value: true,
        comment: true,
        questionnaireVersion: true,
        channel: true,
        answeredAt: true,
        respondent: { select: { role: true } },
        // Every stored value (including the first) has a history row, see PrismaAnswerRepository.write.
        history: { select: { changedAt: true }, orderBy: { changedAt: 'asc' } },
      },
    });
    const out = rows.map((r) => ({
      respondentId: r.respondentId,
      role: r.respondent.role,
      questionId: r.questionId,
      value: r.value,
      comment: r.comment,
      questionnaireVersion: r.questionnaireVersion,
      channel: r.channel,
      answeredAt: r.answeredAt,
      firstAnsweredAt: r.history[0]?.changedAt ?? r.answeredAt,
      changes: Math.max(0, r.history.length - 1),
    }));
    // Stable respondent order (who started first), so pseudonyms do not change between downloads.
    const firstOf = new Map<string, number>();
    for (const r of out) {
      const t = r.firstAnsweredAt.getTime();
      const prev = firstOf.get(r.respondentId);
      if (prev === undefined || t < prev) firstOf.set(r.respondentId, t);
    }
    return out.sort(
      (a, b) =>
        (firstOf.get(a.respondentId) ?? 0) - (firstOf.get(b.respondentId) ?? 0) ||
        a.respondentId.localeCompare(b.respondentId) ||
        a.questionId.localeCompare(b.questionId),
    );
  }
}
