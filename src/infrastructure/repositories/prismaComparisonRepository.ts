import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import type { Assessment } from '../../domain/model';
import type { ComparisonRepository, RoundSnapshot, StoredRelease } from '../../domain/ports/comparisons';
import type { AnswerMap, ReleaseContent, SeriesId, SeriesRelease } from '../../domain/selbstcheck';
import { toAssessment } from './prismaAssessmentRepository';

/** JSON keeps dates as strings; the release content is read back into its domain shape. */
function toContent(json: Prisma.JsonValue, closedUpTo: Date): ReleaseContent {
  const series = (json as { series?: Record<SeriesId, SeriesRelease> } | null)?.series;
  if (series === undefined) throw new Error('comparison release without series');
  return { closedUpTo, series };
}

export class PrismaComparisonRepository implements ComparisonRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async unsnapshotted(): Promise<readonly Assessment[]> {
    const rows = await this.prisma.assessment.findMany({
      where: { status: 'completed', sandboxOf: null, snapshot: null, municipality: { demo: false } },
      orderBy: { completedAt: 'asc' },
    });
    return rows.map(toAssessment);
  }

  async saveSnapshot(s: RoundSnapshot): Promise<void> {
    await this.prisma.roundSnapshot.createMany({
      data: [
        {
          assessmentId: s.assessmentId,
          municipalityId: s.municipalityId,
          questionnaireVersion: s.questionnaireVersion,
          answers: { ...s.answers },
          closedAt: s.closedAt,
        },
      ],
      skipDuplicates: true,
    });
  }

  async snapshots(): Promise<readonly RoundSnapshot[]> {
    const rows = await this.prisma.roundSnapshot.findMany({
      where: { assessment: { municipality: { demo: false, archivedAt: null } } },
      orderBy: { closedAt: 'asc' },
    });
    return rows.map((r) => ({
      assessmentId: r.assessmentId,
      municipalityId: r.municipalityId,
      questionnaireVersion: r.questionnaireVersion,
      answers: r.answers as AnswerMap,
      closedAt: r.closedAt,
    }));
  }

  async latestRelease(): Promise<StoredRelease | null> {
    const row = await this.prisma.comparisonRelease.findFirst({ orderBy: { seq: 'desc' } });
    return row === null
      ? null
      : { seq: row.seq, releasedAt: row.releasedAt, content: toContent(row.figures, row.closedUpTo) };
  }

  async insertRelease(r: StoredRelease): Promise<boolean> {
    try {
      await this.prisma.comparisonRelease.create({
        data: {
          seq: r.seq,
          releasedAt: r.releasedAt,
          closedUpTo: r.content.closedUpTo,
          figures: { series: r.content.series } as unknown as Prisma.InputJsonValue,
        },
      });
      return true;
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return false;
      throw err;
    }
  }
}
