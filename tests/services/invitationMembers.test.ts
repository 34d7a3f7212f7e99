/**
 * Members of a municipality: listed by pseudonymous number and function, including the people who answered
 * before memberships were verified (the migration made them 'legacy' members), and removed with their
 * answers of the round in progress only.
 */
import { aadIdentityKey } from '../../src/domain/access';
import type { Database } from '../../src/infrastructure/db/database';
import { migrate, readMigrations } from '../../src/infrastructure/db/migrator';
import { PrismaMembershipRepository } from '../../src/infrastructure/repositories/prismaMembershipRepository';
import { invitationReplies } from '../../src/bot/replies/invitationReplies';
import type { TestDatabase } from '../support/testDatabase';
import { usingPostgres } from '../support/testDatabase';
import { fresh } from '../infrastructure/migrationsSupport';
import { COORDINATOR, NOBODY, TENANT, TestClock, invitationService, leadOf, personal } from './invitationSupport';

/** The first migration with verified memberships: respondents from before it become legacy members. */
const MEMBERSHIP_MIGRATION = '20261203110000_membership';

const OLD = {
  first: aadIdentityKey(TENANT, 'old-first'),
  second: aadIdentityKey(TENANT, 'old-second'),
  elsewhere: aadIdentityKey(TENANT, 'old-bochum'),
  nowhere: aadIdentityKey(TENANT, 'old-nowhere'),
};

describe(`members on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}, after migrating a database with earlier respondents`, () => {
  let t: TestDatabase | undefined;
  let database: Database | undefined;
  const db = (): Database => {
    if (database === undefined) throw new Error('no database');
    return database;
  };
  const ids: Record<keyof typeof OLD, string> = { first: '', second: '', elsewhere: '', nowhere: '' };

  beforeAll(async () => {
    ({ t, db: database } = await fresh());
    const all = readMigrations();
    expect(all.map((m) => m.name)).toContain(MEMBERSHIP_MIGRATION);
    // The database as it was before memberships: people named a municipality and answered.
    await db().withSession((s) =>
      migrate(
        s,
        all.filter((m) => m.name < MEMBERSHIP_MIGRATION),
      ),
    );
    const earlier = [
      ['first', 'potsdam', 'integration_officer', '2026-01-05T10:00:00Z'],
      ['second', 'potsdam', null, '2026-02-01T10:00:00Z'],
      ['elsewhere', 'bochum', 'mayor', '2026-01-01T10:00:00Z'],
      ['nowhere', null, null, '2026-01-01T10:00:00Z'],
    ] as const;
    await db().withSession(async (s) => {
      for (const [who, municipality, role, at] of earlier) {
        const [row] = await s.query<{ id: string }>(
          `INSERT INTO "respondent" ("id", "identity_key", "municipality_id", "role", "created_at")
           VALUES (gen_random_uuid()::text, $1, $2, $3::"respondent_role", $4) RETURNING "id"`,
          [OLD[who], municipality, role, at],
        );
        ids[who] = row?.id ?? '';
      }
    });
    await db().withSession((s) => migrate(s, all));
    // Potsdam: a completed round 1 and round 2 in progress, both with answers of the first member.
    const prisma = db().prisma;
    const round = (n: number, done: boolean) =>
      prisma.assessment.create({
        data: {
          municipalityId: 'potsdam',
          questionnaireVersion: 1,
          round: n,
          ...(done ? { status: 'completed' as const, completedAt: new Date() } : {}),
        },
      });
    const [closed, open] = [await round(1, true), await round(2, false)];
    const answer = (assessmentId: string, respondentId: string, questionId: string) =>
      prisma.answer.create({
        data: { assessmentId, respondentId, questionId, value: 'partial', questionnaireVersion: 1, channel: 'msteams' },
      });
    for (const q of ['MS-01', 'MS-02']) await answer(closed.id, ids.first, q);
    for (const q of ['MS-01', 'MS-02', 'MS-03']) await answer(open.id, ids.first, q);
    await answer(open.id, ids.second, 'MS-01');
  });
  afterAll(async () => {
    await database?.close();
    await t?.dispose();
  });

  it('keeps earlier respondents as legacy members of their municipality, numbered in the order they came', async () => {
    const { service } = invitationService(db(), new TestClock());
    const result = await service.members(personal(COORDINATOR), 'Potsdam');
    expect(result).toEqual({
      kind: 'members',
      municipality: 'Potsdam',
      members: [
        { memberNo: 1, role: 'integration_officer', joined: 'legacy', answersInCurrentRound: 3 },
        { memberNo: 2, role: null, joined: 'legacy', answersInCurrentRound: 1 },
      ],
    });
    expect(await service.members(personal(COORDINATOR), 'Bochum')).toMatchObject({
      members: [{ memberNo: 1, role: 'mayor', joined: 'legacy' }],
    });
    expect(await db().prisma.respondent.findUnique({ where: { id: ids.nowhere } })).toMatchObject({
      membership: null,
      memberNo: null,
    });
  });

  it('words members as "Befragte <n> · <function>" with how they joined, never by id or identity', async () => {
    const { service } = invitationService(db(), new TestClock());
    const result = await service.members(personal(COORDINATOR), 'Potsdam');
    const de = invitationReplies(result, 'de')
      .map((m) => m.text)
      .join('\n');
    expect(de).toContain(
      'Befragte 1 · Integrationsbeauftragte*r / Flüchtlingskoordination – vor der Prüfung dabei – bitte prüfen · 3 Antwort(en) in der laufenden Runde',
    );
    expect(de).toContain('Befragte 2 · Funktion noch nicht angegeben – vor der Prüfung dabei – bitte prüfen');
    expect(de).toContain('mitglied entfernen Potsdam <Nummer>');
    const en = invitationReplies(result, 'en')
      .map((m) => m.text)
      .join('\n');
    expect(en).toContain('Respondent 1 · ');
    expect(en).toContain('joined before verification – please review');
    for (const text of [de, en, JSON.stringify(result)])
      for (const secret of [...Object.values(ids), ...Object.values(OLD), 'old-first'])
        expect(text).not.toContain(secret);
  });

  it('lists newer members with how they joined; only the municipality’s leads and coordinators see the list', async () => {
    const { service, respondents } = invitationService(db(), new TestClock());
    const membership = new PrismaMembershipRepository(db().prisma);
    const viaTenant = await respondents.findOrCreate(aadIdentityKey(TENANT, 'new-tenant'), 'de');
    await membership.join(viaTenant.id, 'halle-saale', 'tenant');
    const viaCode = await respondents.findOrCreate(aadIdentityKey(TENANT, 'new-code'), 'de');
    await membership.join(viaCode.id, 'halle-saale', 'invitation');
    const lead = await leadOf(db(), 'halle-saale', 'lead-halle');
    const other = await leadOf(db(), 'kiel', 'lead-kiel');
    const result = await service.members(personal(lead), 'Halle (Saale)');
    expect(result).toMatchObject({
      kind: 'members',
      members: [
        { memberNo: 1, joined: 'tenant', role: null },
        { memberNo: 2, joined: 'invitation', role: null },
      ],
    });
    const text = invitationReplies(result, 'de')[0]?.text ?? '';
    expect(text).toContain('Befragte 1 · Funktion noch nicht angegeben – über die Organisation in Teams');
    expect(text).toContain('Befragte 2 · Funktion noch nicht angegeben – mit Einladungscode');
    for (const who of [other, NOBODY])
      expect(await service.members(personal(who), 'Halle (Saale)')).toEqual({ kind: 'denied' });
    expect(await service.members({ identityKey: lead, conversation: 'channel' }, 'Halle')).toEqual({
      kind: 'personalOnly',
    });
    expect(await service.removeMember(personal(other), 'Halle (Saale)', 1)).toEqual({ kind: 'denied' });
    expect(await service.removeMember(personal(NOBODY), 'Halle (Saale)', 1)).toEqual({ kind: 'denied' });
    expect(await db().prisma.respondent.findUnique({ where: { id: viaTenant.id } })).toMatchObject({ memberNo: 1 });
  });

  it('removes a member with their answers of the round in progress only; completed rounds keep theirs', async () => {
    const { service, respondents } = invitationService(db(), new TestClock());
    const lead = await leadOf(db(), 'potsdam', 'lead-potsdam');
    const prisma = db().prisma;
    const answersOf = (respondentId: string) =>
      prisma.answer.findMany({ where: { respondentId }, include: { assessment: true } });
    expect(await answersOf(ids.first)).toHaveLength(5);
    expect(await service.removeMember(personal(lead), 'Potsdam', 1)).toEqual({
      kind: 'memberRemoved',
      municipality: 'Potsdam',
      memberNo: 1,
      answersRemoved: 3,
    });
    const left = await answersOf(ids.first);
    expect(left.map((a) => [a.assessment.round, a.assessment.status])).toEqual([
      [1, 'completed'],
      [1, 'completed'],
    ]);
    // The other member's answer in the round in progress stays.
    expect(await answersOf(ids.second)).toHaveLength(1);
    expect(await respondents.findById(ids.first)).toMatchObject({
      municipalityId: null,
      membership: null,
      memberNo: null,
    });
    expect(await service.members(personal(lead), 'Potsdam')).toMatchObject({ members: [{ memberNo: 2 }] });
    expect(await service.removeMember(personal(lead), 'Potsdam', 1)).toEqual({
      kind: 'noSuchMember',
      municipality: 'Potsdam',
      memberNo: 1,
    });
    const [reply] = invitationReplies(
      { kind: 'memberRemoved', municipality: 'Potsdam', memberNo: 1, answersRemoved: 3 },
      'de',
    );
    expect(reply?.text).toContain('Befragte 1 gehört nicht mehr zu Potsdam. 3 Antwort(en) der laufenden Runde');
  });

  it('lets only coordinators remove a member who is a lead (that also ends the lead role)', async () => {
    const { service, respondents, grants } = invitationService(db(), new TestClock());
    const membership = new PrismaMembershipRepository(db().prisma);
    const lead = await leadOf(db(), 'erlangen', 'lead-erlangen-1');
    const colleague = await leadOf(db(), 'erlangen', 'lead-erlangen-2');
    const member = await membership.join(
      (await respondents.findOrCreate(colleague, 'de')).id,
      'erlangen',
      'invitation',
    );
    expect(member.memberNo).toBe(1);
    expect(await service.removeMember(personal(lead), 'Erlangen', 1)).toEqual({
      kind: 'leadMember',
      municipality: 'Erlangen',
      memberNo: 1,
    });
    expect(await grants.grantsOf(colleague)).toEqual([{ role: 'lead', municipalityId: 'erlangen' }]);
    expect(await service.removeMember(personal(COORDINATOR), 'Erlangen', 1)).toMatchObject({
      kind: 'memberRemoved',
      answersRemoved: 0,
    });
    expect(await grants.grantsOf(colleague)).toEqual([]);
  });
});
