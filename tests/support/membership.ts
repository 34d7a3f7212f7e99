/**
 * Membership in tests: an invitation code for a municipality, created the way `einladen` creates one (a
 * fresh random code, stored only as its hash), for conversations that join a real municipality.
 */
import type { PrismaClient } from '../../src/generated/prisma/client';
import { newCode } from '../../src/infrastructure/repositories/codeHash';
import { PrismaInvitationRepository } from '../../src/infrastructure/repositories/prismaInvitationRepository';

/** A valid code for the municipality (by id or exact name); `lead` codes are single-use and grant the lead role. */
export async function inviteCode(
  prisma: PrismaClient,
  municipality: string,
  role: 'member' | 'lead' = 'member',
  options: { expiresAt?: Date; maxUses?: number | null } = {},
): Promise<string> {
  const row = await prisma.municipality.findFirst({ where: { OR: [{ id: municipality }, { name: municipality }] } });
  if (row === null) throw new Error(`no municipality ${municipality}`);
  const code = newCode('invitation');
  await new PrismaInvitationRepository(prisma).create({
    code: code.text,
    codeStart: code.start,
    municipalityId: row.id,
    role,
    maxUses: options.maxUses !== undefined ? options.maxUses : role === 'lead' ? 1 : null,
    expiresAt: options.expiresAt ?? new Date(Date.now() + 24 * 3600 * 1000),
    createdBy: 'test',
  });
  return code.text;
}
