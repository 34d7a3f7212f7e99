import type { PrismaClient } from '../../generated/prisma/client';
import type { DemoSandboxRepository } from '../../domain/ports/demo';

export class PrismaDemoSandboxRepository implements DemoSandboxRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async removeStartedBefore(before: Date): Promise<number> {
    // One statement; answers and their history go with the round (ON DELETE CASCADE). A round of the demo
    // municipality that is no sandbox should not exist, but would mix visitors' answers: it goes too.
    const { count } = await this.prisma.assessment.deleteMany({
      where: { startedAt: { lt: before }, OR: [{ sandboxOf: { not: null } }, { municipality: { demo: true } }] },
    });
    return count;
  }
}
