import type { PrismaClient } from '../../generated/prisma/client';
import type { ResumeCodeRepository } from '../../domain/ports/membership';
import { codeHash } from './codeHash';

export class PrismaResumeCodeRepository implements ResumeCodeRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async issue(identityKey: string, code: string): Promise<void> {
    const hash = codeHash(code);
    await this.prisma.resumeCode.upsert({
      where: { identityKey },
      create: { identityKey, codeHash: hash },
      update: { codeHash: hash, createdAt: new Date() },
    });
  }

  async resolve(code: string): Promise<string | undefined> {
    const row = await this.prisma.resumeCode.findUnique({ where: { codeHash: codeHash(code) } });
    return row?.identityKey;
  }
}
