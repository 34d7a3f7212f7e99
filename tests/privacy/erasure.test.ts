/**
 * `daten löschen` through the real HTTP entry (issue #17): a Teams lead with answers in a closed and an open
 * round asks, is told exactly what stays, confirms on the card — and afterwards a scan of every table finds
 * none of their ids, while the closed round's result is unchanged. A web chat respondent withdraws consent.
 * Erasing twice, a confirmation from another conversation or another person, a stale card and an expired
 * question each change nothing and get a clear answer.
 */
import { randomUUID } from 'node:crypto';
import { aadIdentityKey } from '../../src/domain/access';
import { FakeConnector } from '../coordinators/fakeConnector';
import { COORDINATOR_OID, coordinatorEnv, inPersonal } from '../coordinators/support';
import { newParticipant, teamsPersonal, webchat, type Participant } from '../support/activities';
import { inviteCode } from '../support/membership';
import { startTestService, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { PRIVACY_REGISTRY } from '../../src/infrastructure/db/privacyRegistry';
import { allTables, answerMore, answerSome, click, nonceOf, say, tracesIn } from './support';

const MINUTE = 60_000;

describe(`erasure (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  let connector: FakeConnector;
  let now = Date.now();
  const prisma = () => svc.service.db.prisma;
  const coordinator = newParticipant({ aadObjectId: COORDINATOR_OID, serviceUrl: 'http://127.0.0.1:9' });

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    svc = await startTestService(coordinatorEnv({ PUBLIC_BASE_URL: 'https://bot.example.org/' }), undefined, {
      // Channel tokens on (signed on loopback): Teams turns are verified, so the personal chat's reference is kept.
      authenticated: { origins: [connector.url, 'http://127.0.0.1:9'] },
      start: { clock: { now: () => new Date(now) } },
    });
  }, 60_000);
  afterAll(async () => {
    await svc.stop();
    await connector.stop();
  });
  beforeEach(() => {
    now = Date.now();
  });

  /** Everything but the erased person's rows, to prove nothing else changed. */
  const snapshot = async () => ({
    answers: await prisma().answer.count(),
    history: await prisma().answerHistory.count(),
    respondents: await prisma().respondent.count(),
    state: (await prisma().botStateItem.findMany({ orderBy: { key: 'asc' } })).map((r) => [r.key, r.eTag]),
    grants: await prisma().roleGrant.count(),
    audit: await prisma().auditEvent.count(),
  });

  it('erases a Teams lead: open answers go, closed-round answers stay de-identified, no table keeps their ids', async () => {
    const oid = `oid-${randomUUID()}`;
    const lead = newParticipant({ aadObjectId: oid, serviceUrl: connector.url });
    const key = aadIdentityKey('tenant-1', oid);
    await answerSome(svc, teamsPersonal, lead, 'Potsdam', 3, { lead: true });
    const colleague = newParticipant();
    await answerSome(svc, webchat, colleague, 'Potsdam', 2, { role: 'Mitglied Integrationsbeirat' });
    expect(await inPersonal(svc, coordinator, 'abschluss Potsdam')).not.toContain('nicht');
    // Round 2: two answers still open; the lead also invites a member (their id in another row).
    // The conversation still had round 1: `start` continues in round 2 at once.
    const resumed = await say(svc, teamsPersonal, lead, 'start');
    await answerMore(svc, teamsPersonal, lead, resumed, 2);
    expect(await say(svc, teamsPersonal, lead, 'einladen Potsdam')).toContain('WK-');
    const respondent = await prisma().respondent.findUniqueOrThrow({ where: { identityKey: key } });
    const colleagueBefore = await prisma().answer.findMany({
      where: { respondent: { identityKey: `webchat:${colleague.userId}` } },
      orderBy: { questionId: 'asc' },
    });
    const round1 = await prisma().assessment.findFirstOrThrow({ where: { municipalityId: 'potsdam', round: 1 } });
    const snapshotBefore = await prisma().roundSnapshot.findUnique({ where: { assessmentId: round1.id } });
    expect(await prisma().personalConversation.count({ where: { identityKey: key } })).toBe(1);
    const ids = [key, oid, lead.userId, lead.conversationId, respondent.id];
    // Every table of the registry — which tests/privacy/registry.test.ts proves is every table there is.
    const tables = PRIVACY_REGISTRY.map((t) => t.table);
    expect(tables.slice().sort()).toEqual(await allTables(prisma()));
    // Before: the person is in many tables (the scan finds what it looks for).
    expect(Object.keys(await tracesIn(prisma(), tables, ids)).sort()).toEqual(ids.slice().sort());

    // Display names are never stored (Teams sends "Test User", the web chat "Besucher*in").
    expect(await tracesIn(prisma(), tables, ['Test User', 'Besucher*in'])).toEqual({});

    const asked = await say(svc, teamsPersonal, lead, 'daten löschen');
    expect(asked).toContain('2 Antworten aus einer noch laufenden Runde werden gelöscht');
    expect(asked).toContain(
      '3 Antworten aus abgeschlossenen Runden (Runde 1) von Potsdam bleiben erhalten, aber ohne jeden Bezug zu Ihnen: nur mit Kommune und Funktion („Verwaltungsspitze“)',
    );
    expect(asked).toContain('Ihre Rollen (1) enden');
    // Asking erased nothing.
    expect(await prisma().respondent.count({ where: { identityKey: key } })).toBe(1);

    const invoke = await click(svc, teamsPersonal, lead, { verb: 'privacyErase', nonce: nonceOf(asked) });
    expect(invoke).toContain('Gelöscht. Über Sie ist nichts mehr gespeichert. 3 Antworten aus abgeschlossenen Runden');
    // No table holds the person's ids — not even the bot state the erasing turn had loaded.
    expect(await tracesIn(prisma(), tables, ids)).toEqual({});
    // The closed round keeps its three answers (without the comment) on a row that links to nobody.
    const kept = await prisma().answer.findMany({ where: { assessmentId: round1.id }, include: { respondent: true } });
    const orphan = kept.filter((a) => a.respondent.identityKey.startsWith('erased:'));
    expect(orphan).toHaveLength(3);
    expect(orphan.every((a) => a.comment === null && a.respondent.role === 'mayor')).toBe(true);
    expect(orphan[0]?.respondent).toMatchObject({ municipalityId: 'potsdam', consentedAt: null, membership: null });
    expect(await prisma().answer.count({ where: { assessment: { round: 2, municipalityId: 'potsdam' } } })).toBe(0);
    // The colleague and the recorded result are untouched.
    expect(
      await prisma().answer.findMany({
        where: { respondent: { identityKey: `webchat:${colleague.userId}` } },
        orderBy: { questionId: 'asc' },
      }),
    ).toEqual(colleagueBefore);
    expect(await prisma().roundSnapshot.findUnique({ where: { assessmentId: round1.id } })).toEqual(snapshotBefore);
    // The invitation stays valid, without its creator.
    expect(await prisma().invitation.count({ where: { createdBy: 'erased' } })).toBe(1);
    // The trail records the erasure; its pseudonym leads nowhere.
    const erasure = await prisma().auditEvent.findFirstOrThrow({
      where: { action: 'erasure' },
      orderBy: { id: 'desc' },
    });
    expect(erasure.subject).toMatch(/^P-/);
    expect(await prisma().auditPseudonym.count({ where: { pseudonym: erasure.subject ?? '' } })).toBe(0);

    // Erasing twice: nothing stored, nothing written (not even the conversation's state).
    const before = await snapshot();
    expect(await say(svc, teamsPersonal, lead, 'daten löschen')).toContain('Über Sie ist nichts gespeichert');
    // The old card clicked again: not valid, nothing changes.
    expect(await click(svc, teamsPersonal, lead, { verb: 'privacyErase', nonce: nonceOf(asked) })).toContain(
      'Diese Bestätigung gilt nicht',
    );
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it('withdraws consent in the web chat (English): everything goes, and the person starts afresh', async () => {
    const p = newParticipant({ locale: 'en-US' });
    await answerSome(svc, webchat, p, 'Potsdam', 2);
    const respondent = await prisma().respondent.findUniqueOrThrow({ where: { identityKey: `webchat:${p.userId}` } });
    const asked = await say(svc, webchat, p, 'withdraw consent');
    expect(asked).toContain('Withdrawing your consent means: I delete your data.');
    expect(asked).toContain('2 answers of a round still open are deleted');
    expect(await say(svc, webchat, p, 'yes, delete')).toContain('Deleted. Nothing is stored about you any more.');
    const ids = [`webchat:${p.userId}`, p.userId, p.conversationId, respondent.id];
    expect(await tracesIn(prisma(), await allTables(prisma()), ids)).toEqual({});
    // Next time the bot greets a stranger: the self-check begins with the privacy notice again.
    expect(await say(svc, webchat, p, 'start')).toMatch(/Datenschutz|privacy/i);
  }, 60_000);

  it('erases from a second browser linked with a resume code: both browsers and the code are gone', async () => {
    const laptop = newParticipant();
    await say(svc, webchat, laptop, 'start');
    await say(svc, webchat, laptop, 'ja');
    await say(svc, webchat, laptop, await inviteCode(prisma(), 'Kiel'));
    const code = /WR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(await say(svc, webchat, laptop, 'Andere Funktion'))?.[0];
    await say(svc, webchat, laptop, '1');
    const phone = newParticipant();
    expect(await say(svc, webchat, phone, `code ${code ?? ''}`)).toContain('Willkommen zurück');
    const key = `webchat:${laptop.userId}`;
    const respondent = await prisma().respondent.findUniqueOrThrow({ where: { identityKey: key } });
    expect(await prisma().resumeCode.count({ where: { identityKey: key } })).toBe(1);

    await say(svc, webchat, phone, 'daten löschen');
    expect(await say(svc, webchat, phone, 'ja, löschen')).toContain('Gelöscht.');
    const ids = [key, laptop.userId, laptop.conversationId, phone.userId, phone.conversationId, respondent.id];
    expect(await tracesIn(prisma(), await allTables(prisma()), ids)).toEqual({});
    // The code opens nothing any more.
    expect(await say(svc, webchat, newParticipant(), `code ${code ?? ''}`)).toContain('gilt nicht');
  }, 60_000);

  async function asking(): Promise<{ p: Participant; nonce: string }> {
    const p = newParticipant();
    await answerSome(svc, webchat, p, 'Potsdam', 1);
    return { p, nonce: nonceOf(await say(svc, webchat, p, 'daten löschen')) };
  }

  it('refuses a confirmation from another conversation, another person, after cancelling, or after 10 minutes', async () => {
    const { p, nonce } = await asking();
    const before = await snapshot();
    // The same person's card clicked in another conversation (a reload): no question waits there.
    const elsewhere = { ...p, conversationId: `conv-${randomUUID()}` };
    expect(await click(svc, webchat, elsewhere, { verb: 'privacyErase', nonce })).toContain('gilt nicht');
    // Typed in another conversation, the words are not a command at all (no question waits there).
    expect(await say(svc, webchat, elsewhere, 'ja, löschen')).not.toContain('Gelöscht');
    // Someone else in the same conversation, with the right nonce.
    const intruder = { ...p, userId: `user-${randomUUID()}` };
    expect(await click(svc, webchat, intruder, { verb: 'privacyErase', nonce })).toContain('gilt nicht');
    // A forged nonce.
    expect(await click(svc, webchat, p, { verb: 'privacyErase', nonce: 'x'.repeat(22) })).toContain('gilt nicht');
    expect(await prisma().respondent.count({ where: { identityKey: `webchat:${p.userId}` } })).toBe(1);
    // Cancelled: the old card no longer works.
    expect(await click(svc, webchat, p, { verb: 'privacyKeep', nonce })).toContain('Nichts gelöscht');
    expect(await click(svc, webchat, p, { verb: 'privacyErase', nonce })).toContain('gilt nicht');
    expect((await snapshot()).answers).toBe(before.answers);

    // Asked again, and answered eleven minutes later: expired.
    const again = nonceOf(await say(svc, webchat, p, 'daten löschen'));
    now += 11 * MINUTE;
    expect(await click(svc, webchat, p, { verb: 'privacyErase', nonce: again })).toContain('gilt nicht');
    expect(await say(svc, webchat, p, 'ja, löschen')).toContain('gilt nicht');
    expect(await prisma().respondent.count({ where: { identityKey: `webchat:${p.userId}` } })).toBe(1);
  }, 60_000);

  it('answers in a Teams channel with a pointer to the personal chat, and stores nothing', async () => {
    const before = await snapshot();
    const member = newParticipant({ conversationId: `19:${randomUUID()}@thread.tacv2`, aadObjectId: 'x-1' });
    const { inChannel } = await import('../coordinators/support');
    expect(await inChannel(svc, member, 'daten löschen')).toContain('nur im persönlichen Chat');
    expect(await inChannel(svc, member, 'my data')).toContain('persönlichen Chat');
    expect(await snapshot()).toEqual(before);
  });
});
