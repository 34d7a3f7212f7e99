/** What the audit suites share: reading the trail as stored, and the checks that no identity is in it. */
import type { PrismaClient } from '../../src/generated/prisma/client';
import type { AuditAction, AuditRecord } from '../../src/domain/ports/audit';
import { PrismaAuditLog } from '../../src/infrastructure/repositories/prismaAuditLog';
import { FAQ_TEXTS } from '../../src/i18n/faqTexts';
import type { ReplyActivity } from '../support/service';

export const PSEUDONYM = /^P-[0-9A-HJKMNP-TV-Z]{8}$/;

/** The trail as the port lists it, oldest first (easier to read in expectations). */
export async function trail(prisma: PrismaClient, action?: AuditAction): Promise<AuditRecord[]> {
  const all = [...(await new PrismaAuditLog(prisma).list({ limit: 500 }))].reverse();
  return action === undefined ? all : all.filter((e) => e.action === action);
}

/** Every stored event row as one text (ids are 64-bit integers). */
export async function rawEvents(prisma: PrismaClient): Promise<string> {
  return JSON.stringify(await prisma.auditEvent.findMany(), (_k, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v,
  );
}

/**
 * No identity in the events: no identity key of any kind, and none of the given secrets (object ids, web chat
 * user ids, codes). The pseudonym table is the only place identities are.
 */
export async function expectNoIdentities(prisma: PrismaClient, secrets: readonly string[]): Promise<void> {
  const raw = (await rawEvents(prisma)).toLowerCase();
  for (const marker of ['aad:', 'webchat:', 'directline:', 'emulator:', 'msteams:'])
    expect({ marker, found: raw.includes(marker) }).toEqual({ marker, found: false });
  for (const secret of secrets)
    expect({ secret, found: raw.includes(secret.toLowerCase()) }).toEqual({ secret, found: false });
  // Every person named is a pseudonym.
  for (const e of await trail(prisma))
    for (const who of [e.actor, e.subject]) if (who !== null) expect(who).toMatch(PSEUDONYM);
}

export const pseudonymOf = (prisma: PrismaClient, identityKey: string) =>
  new PrismaAuditLog(prisma).pseudonymOf(identityKey);

/** The text of replies, the cards' JSON included. */
export const allText = (replies: readonly ReplyActivity[]): string =>
  replies.map((r) => `${r.text ?? ''} ${JSON.stringify(r.attachments ?? [])}`).join('\n');

/** The card's text fallback of the first card reply. */
export function cardFallback(replies: readonly ReplyActivity[]): string | undefined {
  for (const r of replies)
    for (const a of r.attachments ?? []) {
      const text = (a.content as { fallbackText?: unknown }).fallbackText;
      if (typeof text === 'string') return text;
    }
  return undefined;
}

/** An answer of the citizens' FAQ (an answer with its source, or the honest "not sure" with suggestions). */
export function isFaqAnswer(replies: readonly ReplyActivity[]): boolean {
  const text = allText(replies);
  return [FAQ_TEXTS.de.source, FAQ_TEXTS.de.notSure, FAQ_TEXTS.en.source, FAQ_TEXTS.en.notSure].some((m) =>
    text.includes(m),
  );
}
