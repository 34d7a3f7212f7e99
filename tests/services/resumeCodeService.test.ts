/**
 * Personal resume codes on the real repository (migrated database): only the hash is stored, a new code
 * replaces the old one, attempts are limited per identity and per conversation before any lookup, and
 * Teams identities neither get nor use codes.
 */
import { createHash } from 'node:crypto';
import { codeFromRandom, isCode, readCode, type Code, type CodeKind } from '../../src/domain/membership/codes';
import { InMemoryRateLimits } from '../../src/infrastructure/directline/rateLimiter';
import { PrismaResumeCodeRepository } from '../../src/infrastructure/repositories/prismaResumeCodeRepository';
import { PrismaAuditLog } from '../../src/infrastructure/repositories/prismaAuditLog';
import { newCode } from '../../src/infrastructure/repositories/codeHash';
import { RESUME_ATTEMPT_BUCKETS, ResumeCodeService, canHoldResumeCode } from '../../src/services/resumeCodeService';
import { migratedDatabase } from '../infrastructure/migrationsSupport';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('ResumeCodeService', () => {
  const db = migratedDatabase();
  const clock = { t: Date.parse('2026-12-03T10:00:00Z'), now: () => new Date(clock.t) };
  let n = 0;
  /** A fresh service (own rate limits) and fresh identity and conversation keys for one test. */
  const setup = (generate: (kind: CodeKind) => Code = newCode) => {
    n++;
    const service = new ResumeCodeService({
      codes: new PrismaResumeCodeRepository(db().prisma),
      limits: new InMemoryRateLimits(),
      clock,
      generate,
      audit: new PrismaAuditLog(db().prisma),
    });
    return { service, owner: `directline:u-owner${n}`, guest: `directline:u-guest${n}`, conv: `conv-${n}` };
  };
  const asCode = (text: string): Code => {
    const c = readCode(text);
    if (!isCode(c)) throw new Error(`not a code: ${text}`);
    return c;
  };

  it('issues a WR- code and stores only its SHA-256; the code resolves to its owner, also as typed by hand', async () => {
    const { service, owner, guest, conv } = setup();
    const code = await service.issue(owner);
    expect(code).toMatch(/^WR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const rows = await db().prisma.resumeCode.findMany({ where: { identityKey: owner } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.codeHash).toBe(sha256(code));
    // Nowhere in the table, in any spelling: not the code, not its body.
    const dump = JSON.stringify(await db().prisma.resumeCode.findMany());
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(code.slice(3).replace(/-/g, ''));

    expect(await service.resolve(asCode(code), { identityKey: guest, conversationId: conv })).toEqual({
      kind: 'valid',
      identityKey: owner,
    });
    const typed = `code ${code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o')}`;
    expect(await service.resolve(asCode(typed), { identityKey: guest, conversationId: conv })).toEqual({
      kind: 'valid',
      identityKey: owner,
    });
  });

  it('a new code replaces the old one: the old one stops working, one row per person', async () => {
    const { service, owner, guest, conv } = setup();
    const old = await service.issue(owner);
    const fresh = await service.issue(owner);
    expect(fresh).not.toBe(old);
    expect(await service.resolve(asCode(old), { identityKey: guest, conversationId: conv })).toEqual({
      kind: 'invalid',
    });
    expect(await service.resolve(asCode(fresh), { identityKey: guest, conversationId: conv })).toEqual({
      kind: 'valid',
      identityKey: owner,
    });
    const rows = await db().prisma.resumeCode.findMany({ where: { identityKey: owner } });
    expect(rows.map((r) => r.codeHash)).toEqual([sha256(fresh)]);
    // Another person's code is theirs alone.
    const other = await service.issue(`${owner}-other`);
    expect(await service.resolve(asCode(other), { identityKey: guest, conversationId: conv })).toEqual({
      kind: 'valid',
      identityKey: `${owner}-other`,
    });
  });

  it('the generator is injected; the code goes to the repository as its canonical text', async () => {
    const fixed = codeFromRandom('resume', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    const { service, owner } = setup(() => fixed);
    expect(await service.issue(owner)).toBe(fixed.text);
    const row = await db().prisma.resumeCode.findUnique({ where: { identityKey: owner } });
    expect(row?.codeHash).toBe(sha256(fixed.text));
    const wrongKind = setup((kind) => codeFromRandom(kind === 'resume' ? 'invitation' : 'resume', new Uint8Array(8)));
    await expect(wrongKind.service.issue(wrongKind.owner)).rejects.toThrow(/another kind/);
  });

  it('wrong attempts are limited per identity: after 5 even the right code is refused until the window passes', async () => {
    const { service, owner, guest } = setup();
    const right = asCode(await service.issue(owner));
    const { limit, windowMs } = RESUME_ATTEMPT_BUCKETS.identity;
    for (let i = 0; i < limit; i++) {
      const wrong = asCode(newCode('resume').text);
      // Each attempt from a fresh conversation: only the identity's count can stop it.
      expect(await service.resolve(wrong, { identityKey: guest, conversationId: `c-${n}-${i}` })).toEqual({
        kind: 'invalid',
      });
    }
    const blocked = await service.resolve(right, { identityKey: guest, conversationId: `c-${n}-last` });
    expect(blocked.kind).toBe('rateLimited');
    expect(blocked.kind === 'rateLimited' && blocked.retryAfterMs).toBeGreaterThan(0);
    expect(blocked.kind === 'rateLimited' && blocked.retryAfterMs).toBeLessThanOrEqual(windowMs);
    // Another identity is not affected.
    expect(await service.resolve(right, { identityKey: `${guest}-2`, conversationId: `c-${n}-x` })).toEqual({
      kind: 'valid',
      identityKey: owner,
    });
    clock.t += windowMs + 1;
    expect(await service.resolve(right, { identityKey: guest, conversationId: `c-${n}-later` })).toEqual({
      kind: 'valid',
      identityKey: owner,
    });
  });

  it('wrong attempts are limited per conversation, whichever identity makes them', async () => {
    const { service, owner, conv } = setup();
    const right = asCode(await service.issue(owner));
    const { limit } = RESUME_ATTEMPT_BUCKETS.conversation;
    for (let i = 0; i < limit; i++)
      expect(
        (
          await service.resolve(asCode(newCode('resume').text), {
            identityKey: `directline:u-${n}-${i}`,
            conversationId: conv,
          })
        ).kind,
      ).toBe('invalid');
    const blocked = await service.resolve(right, { identityKey: `directline:u-${n}-fresh`, conversationId: conv });
    expect(blocked.kind).toBe('rateLimited');
  });

  it('Teams identities neither get nor use resume codes; an invitation code is not a resume code', async () => {
    const { service, owner, conv } = setup();
    const aad = 'aad:00000000-0000-4000-8000-0000000000aa:11111111-1111-4111-8111-111111111111';
    expect(canHoldResumeCode(aad)).toBe(false);
    expect(canHoldResumeCode('msteams:29:abc')).toBe(false);
    expect(canHoldResumeCode('directline:u-0123')).toBe(true);
    expect(canHoldResumeCode('webchat:user-1')).toBe(true);
    await expect(service.issue(aad)).rejects.toThrow(/web chat/);
    await expect(service.issue('msteams:29:abc')).rejects.toThrow(/web chat/);
    expect(await db().prisma.resumeCode.count({ where: { identityKey: { in: [aad, 'msteams:29:abc'] } } })).toBe(0);

    const code = await service.issue(owner);
    expect(await service.resolve(asCode(code), { identityKey: aad, conversationId: conv })).toEqual({
      kind: 'invalid',
    });
    const invitation = codeFromRandom('invitation', new Uint8Array([9, 9, 9, 9, 9, 9, 9, 9]));
    expect(await service.resolve(invitation, { identityKey: 'directline:u-x', conversationId: conv })).toEqual({
      kind: 'invalid',
    });
    // The same body as a resume code is someone else's business: it resolves only if issued.
    expect(
      await service.resolve(asCode(code.replace(/^WR/, 'WK')), { identityKey: 'directline:u-x', conversationId: conv }),
    ).toEqual({ kind: 'invalid' });
  });
});
