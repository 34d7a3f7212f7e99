/** Invitation codes on a migrated database: creating, listing, revoking, checking and redeeming them. */
import { createHash } from 'node:crypto';
import { aadIdentityKey } from '../../src/domain/access';
import { isCode, readCode, type Code } from '../../src/domain/membership/codes';
import { migratedDatabase } from '../infrastructure/migrationsSupport';
import { usingPostgres } from '../support/testDatabase';
import {
  COORDINATOR,
  FOREIGN_COORDINATOR,
  NOBODY,
  TENANT,
  TestClock,
  codeOf,
  invitationService,
  leadOf,
  personal,
} from './invitationSupport';

const DAY = 24 * 3600 * 1000;

function typed(text: string): Code {
  const code = readCode(text);
  if (!isCode(code)) throw new Error(`not a code: ${text}`);
  return code;
}

describe(`InvitationService on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  const db = migratedDatabase();

  it('gives a coordinator member codes (no use limit unless given) and single-use lead codes, with a #code link', async () => {
    const clock = new TestClock();
    const { service } = invitationService(db(), clock, { ttlDays: 3 });
    const member = await service.create(personal(COORDINATOR), 'Potsdam', 'member');
    expect(member).toMatchObject({ kind: 'created', municipality: 'Potsdam', role: 'member', maxUses: null });
    const code = codeOf(member);
    expect(code).toMatch(/^WK-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(member).toMatchObject({
      link: `https://bot.example.org/#code=${code}`,
      expiresAt: new Date(clock.t.getTime() + 3 * DAY),
    });
    expect(await service.create(personal(COORDINATOR), 'potsdam', 'member', 20)).toMatchObject({ maxUses: 20 });
    const lead = await service.create({ identityKey: COORDINATOR, conversation: 'webchat' }, 'Bochum', 'lead');
    expect(lead).toMatchObject({ kind: 'created', municipality: 'Bochum', role: 'lead', maxUses: 1 });
    expect(codeOf(lead)).not.toBe(code);
  });

  it('gives a lead member codes of their own municipality only and no lead codes; everyone else one plain denial', async () => {
    const { service } = invitationService(db(), new TestClock());
    const lead = await leadOf(db(), 'iserlohn', 'lead-iserlohn');
    expect(await service.create(personal(lead), 'Iserlohn', 'member')).toMatchObject({ kind: 'created' });
    const denied = { kind: 'denied' };
    expect(await service.create(personal(lead), 'Iserlohn', 'lead')).toEqual(denied);
    expect(await service.create(personal(lead), 'Bochum', 'member')).toEqual(denied);
    // An unknown name gets the same answer as another municipality: nothing about the target leaks.
    expect(await service.create(personal(lead), 'Atlantis', 'member')).toEqual(denied);
    expect(await service.create(personal(NOBODY), 'Iserlohn', 'member')).toEqual(denied);
    expect(await service.create(personal(NOBODY), 'Atlantis', 'member')).toEqual(denied);
    // A coordinator grant counts only from a tenant the coordinator features are open to.
    await invitationService(db(), new TestClock()).grants.grant(FOREIGN_COORDINATOR, { role: 'coordinator' }, 'test');
    expect(await service.create(personal(FOREIGN_COORDINATOR), 'Iserlohn', 'member')).toEqual(denied);
    // Coordinators learn about unknown and ambiguous names.
    expect(await service.create(personal(COORDINATOR), 'Atlantis', 'member')).toMatchObject({
      kind: 'unknownMunicipality',
      name: 'Atlantis',
    });
    expect(await service.create(personal(COORDINATOR), 'Landkreis', 'member')).toMatchObject({
      kind: 'ambiguousMunicipality',
    });
    expect(await db().prisma.invitation.count({ where: { municipalityId: 'bochum', createdBy: lead } })).toBe(0);
  });

  it('hands out no code in a channel, and none for archived municipalities or the demo', async () => {
    const { service, prisma } = invitationService(db(), new TestClock());
    const before = await prisma.invitation.count();
    for (const role of ['member', 'lead'] as const)
      expect(await service.create({ identityKey: COORDINATOR, conversation: 'channel' }, 'Potsdam', role)).toEqual({
        kind: 'personalOnly',
      });
    await prisma.municipality.create({
      data: { id: 'alt-stadt', name: 'Altstadt', kind: 'gemeinde', state: 'Hessen', archivedAt: new Date() },
    });
    expect(await service.create(personal(COORDINATOR), 'Altstadt', 'member')).toEqual({
      kind: 'noCodes',
      municipality: 'Altstadt',
      reason: 'archived',
    });
    expect(await service.create(personal(COORDINATOR), 'Musterstadt (Demo)', 'member')).toEqual({
      kind: 'noCodes',
      municipality: 'Musterstadt (Demo)',
      reason: 'demo',
    });
    expect(await prisma.invitation.count()).toBe(before);
  });

  it('stores codes only as SHA-256 hashes: the plain code appears nowhere in the database', async () => {
    const { service, prisma } = invitationService(db(), new TestClock());
    const code = codeOf(await service.create(personal(COORDINATOR), 'Kiel', 'member'));
    const row = await prisma.invitation.findFirstOrThrow({ where: { municipalityId: 'kiel' } });
    expect(row.codeHash).toBe(createHash('sha256').update(code).digest('hex'));
    expect(row.codeStart).toBe(code.slice(3, 7));
    const body = code.slice(3).replace(/-/g, '');
    const tables = await prisma.$queryRawUnsafe<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(tables.length).toBeGreaterThan(10);
    for (const { tablename } of tables) {
      const [dump] = await prisma.$queryRawUnsafe<{ text: string | null }[]>(
        `SELECT string_agg(row_to_json(t)::text, ' ') AS text FROM "${tablename}" t`,
      );
      const text = (dump?.text ?? '').toUpperCase();
      expect([tablename, text.includes(code), text.includes(body), text.includes(code.slice(3))]).toEqual([
        tablename,
        false,
        false,
        false,
      ]);
    }
  });

  it('checks typed codes forgivingly, and says only "invalid" for unknown, expired, revoked or archived ones', async () => {
    const clock = new TestClock();
    const { service, prisma } = invitationService(db(), clock);
    const attempt = (n: number) => ({ identityKey: `webchat:check-${n}`, conversationId: `conv-check-${n}` });
    const code = codeOf(await service.create(personal(COORDINATOR), 'Erlangen', 'member'));
    const sloppy = `code ${code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace(/-/g, ' ')}`;
    const valid = await service.checkCode(typed(sloppy), attempt(1));
    expect(valid).toMatchObject({ kind: 'valid', municipality: { id: 'erlangen', name: 'Erlangen' } });
    expect(await service.checkCode(typed('WK-7M3Q-0B1Z-KX4T'), attempt(2))).toEqual({ kind: 'invalid' });
    expect(await service.checkCode(typed('WR-7M3Q-0B1Z-KX4T'), attempt(2))).toEqual({ kind: 'invalid' });
    // Valid until exactly ttlDays after it was made.
    clock.advance(14 * DAY - 1);
    expect(await service.checkCode(typed(code), attempt(3))).toMatchObject({ kind: 'valid' });
    clock.advance(1);
    expect(await service.checkCode(typed(code), attempt(4))).toEqual({ kind: 'invalid' });
    // Archived after the code was made: no longer valid.
    const fresh = codeOf(await service.create(personal(COORDINATOR), 'Zwickau', 'member'));
    await prisma.municipality.update({ where: { id: 'zwickau' }, data: { archivedAt: clock.now() } });
    expect(await service.checkCode(typed(fresh), attempt(5))).toEqual({ kind: 'invalid' });
    await prisma.municipality.update({ where: { id: 'zwickau' }, data: { archivedAt: null } });
    expect(await service.checkCode(typed(fresh), attempt(6))).toMatchObject({ kind: 'valid' });
  });

  it('redeems: the person joins by invitation; a lead code also grants the lead role, recorded as from the invitation', async () => {
    const { service, respondents, grants, prisma } = invitationService(db(), new TestClock());
    const memberCode = codeOf(await service.create(personal(COORDINATOR), 'Aachen', 'member'));
    const leadCode = codeOf(await service.create(personal(COORDINATOR), 'Aachen', 'lead'));
    const alice = await respondents.findOrCreate(aadIdentityKey(TENANT, 'alice'), 'de');
    const check = await service.checkCode(typed(memberCode), { identityKey: alice.identityKey, conversationId: 'a' });
    if (check.kind !== 'valid') throw new Error('expected a valid code');
    expect(await service.redeem(check.invitation.id, alice)).toMatchObject({
      kind: 'joined',
      municipality: { id: 'aachen' },
      lead: false,
    });
    expect(await respondents.findById(alice.id)).toMatchObject({ municipalityId: 'aachen', membership: 'invitation' });
    expect(await grants.grantsOf(alice.identityKey)).toEqual([]);

    const bob = await respondents.findOrCreate(aadIdentityKey(TENANT, 'bob'), 'de');
    const leadCheck = await service.checkCode(typed(leadCode), { identityKey: bob.identityKey, conversationId: 'b' });
    if (leadCheck.kind !== 'valid') throw new Error('expected a valid code');
    expect(leadCheck.invitation.role).toBe('lead');
    expect(await service.redeem(leadCheck.invitation.id, bob)).toMatchObject({ kind: 'joined', lead: true });
    expect(await grants.grantsOf(bob.identityKey)).toEqual([{ role: 'lead', municipalityId: 'aachen' }]);
    const grant = await prisma.roleGrant.findFirstOrThrow({ where: { identityKey: bob.identityKey } });
    expect(grant.grantedBy).toBe(`invitation:${leadCheck.invitation.id}`);
    expect(await service.redeem('no-such-invitation', bob)).toEqual({ kind: 'invalid' });
  });

  it('lets exactly one person in with a lead code redeemed twice at the same moment', async () => {
    const { service, respondents, grants } = invitationService(db(), new TestClock());
    const code = codeOf(await service.create(personal(COORDINATOR), 'Konstanz', 'lead'));
    const check = await service.checkCode(typed(code), { identityKey: 'x', conversationId: 'x' });
    if (check.kind !== 'valid') throw new Error('expected a valid code');
    const people = await Promise.all(
      ['c1', 'c2', 'c3'].map((oid) => respondents.findOrCreate(aadIdentityKey(TENANT, oid), 'de')),
    );
    const results = await Promise.all(people.map((p) => service.redeem(check.invitation.id, p)));
    expect(results.filter((r) => r.kind === 'joined')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'invalid')).toHaveLength(2);
    const leads = [];
    for (const p of people) if ((await grants.grantsOf(p.identityKey)).length > 0) leads.push(p.id);
    expect(leads).toHaveLength(1);
    const members = await Promise.all(people.map((p) => respondents.findById(p.id)));
    expect(members.filter((m) => m?.municipalityId === 'konstanz').map((m) => m?.id)).toEqual(leads);
    expect(await service.checkCode(typed(code), { identityKey: 'y', conversationId: 'y' })).toEqual({
      kind: 'invalid',
    });
  });

  it('lets a member code with a use limit in exactly that many times', async () => {
    const { service, respondents } = invitationService(db(), new TestClock());
    const code = codeOf(await service.create(personal(COORDINATOR), 'Halle', 'member', 2));
    const check = await service.checkCode(typed(code), { identityKey: 'z', conversationId: 'z' });
    if (check.kind !== 'valid') throw new Error('expected a valid code');
    const people = await Promise.all(
      ['d1', 'd2', 'd3'].map((oid) => respondents.findOrCreate(aadIdentityKey(TENANT, oid), 'de')),
    );
    const results = await Promise.all(people.map((p) => service.redeem(check.invitation.id, p)));
    expect(results.map((r) => r.kind).sort()).toEqual(['invalid', 'joined', 'joined']);
  });

  it('lists codes with start, role, uses of the limit, expiry and state (valid, expired, revoked, used up)', async () => {
    const clock = new TestClock();
    const { service, respondents } = invitationService(db(), clock);
    const lead = await leadOf(db(), 'luebeck', 'lead-luebeck');
    const expiring = codeOf(await service.create(personal(COORDINATOR), 'Lübeck', 'member'));
    clock.advance(7 * DAY);
    const used = codeOf(await service.create(personal(COORDINATOR), 'Lübeck', 'lead'));
    const revoked = codeOf(await service.create(personal(lead), 'Lübeck', 'member', 5));
    const valid = codeOf(await service.create(personal(lead), 'Luebeck', 'member', 3));
    const check = await service.checkCode(typed(used), { identityKey: 'l', conversationId: 'l' });
    if (check.kind !== 'valid') throw new Error('expected a valid code');
    await service.redeem(check.invitation.id, await respondents.findOrCreate(aadIdentityKey(TENANT, 'e1'), 'de'));
    expect(await service.revoke(personal(lead), revoked.slice(3, 7))).toEqual({ kind: 'revoked', count: 1 });
    clock.advance(7 * DAY);
    const list = await service.list(personal(lead), 'lübeck');
    if (list.kind !== 'invitations') throw new Error(`expected a list, got ${list.kind}`);
    expect(list.municipality).toBe('Lübeck');
    const byStart = new Map(list.entries.map((e) => [e.codeStart, e]));
    const start = (c: string) => c.slice(3, 7);
    expect(byStart.get(start(expiring))).toMatchObject({ role: 'member', uses: 0, maxUses: null, state: 'expired' });
    expect(byStart.get(start(used))).toMatchObject({ role: 'lead', uses: 1, maxUses: 1, state: 'used_up' });
    expect(byStart.get(start(revoked))).toMatchObject({ role: 'member', maxUses: 5, state: 'revoked' });
    expect(byStart.get(start(valid))).toMatchObject({ role: 'member', uses: 0, maxUses: 3, state: 'valid' });
    expect(byStart.get(start(valid))?.expiresAt).toBeInstanceOf(Date);
    // The list never carries a code.
    expect(JSON.stringify(list)).not.toContain(valid);
    expect(await service.list(personal(NOBODY), 'Lübeck')).toEqual({ kind: 'denied' });
    expect(await service.list({ identityKey: lead, conversation: 'channel' }, 'Lübeck')).toEqual({
      kind: 'personalOnly',
    });
  });

  it('revokes by code start: coordinators in any municipality, leads only in their own', async () => {
    const { service } = invitationService(db(), new TestClock());
    const lead = await leadOf(db(), 'lk-goerlitz', 'lead-goerlitz');
    const own = codeOf(await service.create(personal(lead), 'Görlitz', 'member'));
    const other = codeOf(await service.create(personal(COORDINATOR), 'Kreis Lippe', 'member'));
    const check = (c: string, n: string) =>
      service.checkCode(typed(c), { identityKey: `rv-${n}`, conversationId: `rv-${n}` });
    expect(await service.revoke(personal(lead), other.slice(3, 7))).toEqual({ kind: 'revoked', count: 0 });
    expect(await check(other, '1')).toMatchObject({ kind: 'valid' });
    expect(await service.revoke(personal(NOBODY), other.slice(3, 7))).toEqual({ kind: 'denied' });
    expect(await service.revoke(personal(lead), own.slice(3, 7).toLowerCase())).toEqual({ kind: 'revoked', count: 1 });
    expect(await check(own, '2')).toEqual({ kind: 'invalid' });
    // Revoking again finds nothing still valid.
    expect(await service.revoke(personal(lead), own.slice(3, 7))).toEqual({ kind: 'revoked', count: 0 });
    expect(await service.revoke(personal(COORDINATOR), other.slice(3, 7))).toEqual({ kind: 'revoked', count: 1 });
    expect(await check(other, '3')).toEqual({ kind: 'invalid' });
  });

  it('limits code attempts per identity and per conversation; other people elsewhere are not affected', async () => {
    const clock = new TestClock();
    const { service } = invitationService(db(), clock);
    const code = typed(codeOf(await service.create(personal(COORDINATOR), 'Rhein-Sieg-Kreis', 'member')));
    const wrong = typed('WK-0000-0000-0000');
    const guesser = { identityKey: 'webchat:guesser', conversationId: 'conv-guess' };
    for (let i = 0; i < 5; i++) expect(await service.checkCode(wrong, guesser)).toEqual({ kind: 'invalid' });
    // Over the limit even a right guess is refused, so guessing on cannot find a code.
    const limited = await service.checkCode(code, guesser);
    expect(limited).toMatchObject({ kind: 'rateLimited' });
    expect(limited.kind === 'rateLimited' && limited.retryAfterMs).toBeGreaterThan(0);
    expect(limited.kind === 'rateLimited' && limited.retryAfterMs).toBeLessThanOrEqual(15 * 60_000);
    // The same person in a new conversation, and someone else in the same conversation: limited too.
    expect(await service.checkCode(code, { ...guesser, conversationId: 'conv-new' })).toMatchObject({
      kind: 'rateLimited',
    });
    expect(await service.checkCode(code, { ...guesser, identityKey: 'webchat:other' })).toMatchObject({
      kind: 'rateLimited',
    });
    // Someone else in their own conversation: their valid code works.
    expect(await service.checkCode(code, { identityKey: 'aad:t:colleague', conversationId: 'c' })).toMatchObject({
      kind: 'valid',
    });
    // The identity is compared case-insensitively (Teams ids arrive in either case).
    expect(await service.checkCode(code, { identityKey: 'WEBCHAT:GUESSER', conversationId: 'conv-3' })).toMatchObject({
      kind: 'rateLimited',
    });
    clock.advance(15 * 60_000);
    expect(await service.checkCode(code, guesser)).toMatchObject({ kind: 'valid' });
  });
});
