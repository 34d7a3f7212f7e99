/**
 * `protokoll [<Kommune>]` / `audit [<municipality>]` through the running service: coordinators in Teams get the
 * newest entries (card and text, Berlin time, pseudonyms, names, details in words); everyone else, and the web
 * chat, reach the FAQ with the same words; an active dialog does not swallow the command; after an erasure the
 * entries stay with the same pseudonym, which no longer maps to anyone.
 */
import { aadIdentityKey } from '../../src/domain/access';
import { PrismaAccessRepository } from '../../src/infrastructure/repositories/prismaAccessRepository';
import { PrismaAuditLog } from '../../src/infrastructure/repositories/prismaAuditLog';
import { message, newParticipant, teamsPersonal, webchat } from '../support/activities';
import { startTestService, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { COORDINATOR_OID, TENANT, channelMember, coordinatorEnv, inChannel } from '../coordinators/support';
import { allText, cardFallback, isFaqAnswer, pseudonymOf, trail } from './support';

const LEAD_OID = 'lead-protokoll-4444';
const GUID = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const BASE = 'https://weltoffen.example.org';
const P = 'P-[0-9A-HJKMNP-TV-Z]{8}';
const TIME = '\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}';

describe(`the audit trail in chat (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  const coordinator = newParticipant({ aadObjectId: COORDINATOR_OID });
  const coordinatorEn = newParticipant({ aadObjectId: COORDINATOR_OID, locale: 'en-US' });
  const lead = newParticipant({ aadObjectId: LEAD_OID });
  const coordinatorKey = aadIdentityKey(TENANT, COORDINATOR_OID);
  const leadKey = aadIdentityKey(TENANT, LEAD_OID);
  const prisma = () => svc.service.db.prisma;
  const teams = (p = coordinator, text: string) => svc.replies(message(teamsPersonal, p, text));
  const say = async (text: string) => allText(await teams(coordinator, text));

  beforeAll(async () => {
    svc = await startTestService(coordinatorEnv({ PUBLIC_BASE_URL: BASE }));
    await say(`rolle lead Potsdam ${LEAD_OID}`);
    await say(`mandant Bochum ${GUID}`);
  }, 120_000);
  afterAll(() => svc?.stop());

  it('lists the newest entries for a coordinator: a card with a text fallback, Berlin time, pseudonyms, names, details', async () => {
    const replies = await teams(coordinator, 'protokoll');
    expect(replies).toHaveLength(1);
    const card = replies[0]?.attachments?.[0]?.content as { type: string; body: unknown[] };
    expect(card.type).toBe('AdaptiveCard');
    const text = cardFallback(replies) ?? '';
    expect(text).toContain('**Protokoll: alle Kommunen**');
    expect(text).toContain('Personen erscheinen nur als Pseudonym');
    const by = await pseudonymOf(prisma(), coordinatorKey);
    const leadP = await pseudonymOf(prisma(), leadKey);
    expect(text).toMatch(
      new RegExp(
        `^- ${TIME} · \\*\\*Rolle vergeben\\*\\* · von ${by} · betrifft ${leadP} · Potsdam · Rolle Leitung$`,
        'm',
      ),
    );
    expect(text).toMatch(
      new RegExp(`^- ${TIME} · \\*\\*Mandant registriert\\*\\* · von ${by} · Bochum · Mandant ${GUID}$`, 'm'),
    );
    // Newest first.
    expect(text.indexOf('Mandant registriert')).toBeLessThan(text.indexOf('Rolle vergeben'));
    expect(text).not.toContain('aad:');
    expect(text).not.toContain(LEAD_OID);

    const potsdam = cardFallback(await teams(coordinator, 'Protokoll Potsdam')) ?? '';
    expect(potsdam).toContain('**Protokoll: Potsdam**');
    expect(potsdam).toContain('Rolle vergeben');
    expect(potsdam).not.toContain('Mandant registriert');

    const english = cardFallback(await teams(coordinatorEn, 'audit potsdam')) ?? '';
    expect(english).toContain('**Audit trail: Potsdam**');
    expect(english).toMatch(
      new RegExp(`\\*\\*Role granted\\*\\* · by ${by} · concerning ${leadP} · Potsdam · role lead`),
    );

    expect(await say('protokoll Atlantis')).toContain('Die Kommune „Atlantis“ kenne ich nicht');
    expect(await say('protokoll alle')).toContain('Protokoll: alle Kommunen');
    // In a channel too, after the bot's @mention.
    const inTeam = await inChannel(svc, channelMember('http://127.0.0.1:9/teams/', COORDINATOR_OID), 'protokoll');
    expect(inTeam).toContain('Protokoll: alle Kommunen');
  });

  it('shows the 20 newest, tells of older ones with a link to the dashboard, and writes German civil time', async () => {
    const log = new PrismaAuditLog(prisma());
    // Winter and summer time: 23:30 UTC in December is 00:30 the next day in Berlin, 22:05 UTC in July 00:05.
    await log.record(
      { action: 'round_closed', municipalityId: 'aachen', detail: { round: 1 } },
      new Date('2026-12-03T23:30:00Z'),
    );
    await log.record(
      { action: 'round_closed', municipalityId: 'aachen', detail: { round: 2 } },
      new Date('2027-07-01T22:05:00Z'),
    );
    let replies = await teams(coordinator, 'protokoll Aachen');
    let text = cardFallback(replies) ?? '';
    expect(text).toContain('- 02.07.2027 00:05 · **Runde abgeschlossen** · von System · Aachen · Runde 2');
    expect(text).toContain('- 04.12.2026 00:30 · **Runde abgeschlossen** · von System · Aachen · Runde 1');
    expect(text).not.toContain('Ältere Einträge');

    for (let i = 0; i < 25; i++)
      await log.record({
        action: 'export_issued',
        actor: coordinatorKey,
        municipalityId: 'aachen',
        detail: { format: 'csv' },
      });
    replies = await teams(coordinator, 'protokoll Aachen');
    text = cardFallback(replies) ?? '';
    expect(text.match(/^- /gm)).toHaveLength(20);
    expect(text).toContain('Die 20 neuesten Einträge');
    expect(text).toContain('Format CSV');
    expect(text).toContain('Ältere Einträge gibt es im Überblick unter „Protokoll“.');
    const card = replies[0]?.attachments?.[0]?.content as { actions?: { type: string; url: string }[] };
    expect(card.actions).toEqual([
      expect.objectContaining({ type: 'Action.OpenUrl', url: `${BASE}/dashboard/?view=audit&municipality=aachen` }),
    ]);
  });

  it('is no command for anyone else, nor in the web chat: the same words reach the FAQ', async () => {
    await new PrismaAccessRepository(prisma()).grant(leadKey, { role: 'lead', municipalityId: 'potsdam' }, 'test');
    for (const text of ['protokoll', 'Protokoll Potsdam', 'audit']) {
      const replies = await teams(lead, text);
      expect({ text, faq: isFaqAnswer(replies) }).toEqual({ text, faq: true });
      expect(allText(replies)).not.toMatch(new RegExp(P));
    }
    const citizen = newParticipant();
    for (const text of ['protokoll', 'Gibt es ein Protokoll vom Workshop?', 'audit Potsdam']) {
      const replies = await svc.replies(message(webchat, citizen, text));
      expect({ text, faq: isFaqAnswer(replies) }).toEqual({ text, faq: true });
      expect(allText(replies)).not.toMatch(new RegExp(P));
    }
    // A coordinator's question that merely contains the word is a question too.
    for (const text of ['Gibt es ein Protokoll vom Workshop?', 'protokoll vom workshop', 'Protokoll der Sitzung']) {
      const replies = await teams(coordinator, text);
      expect({ text, faq: isFaqAnswer(replies) }).toEqual({ text, faq: true });
    }
  });

  it('runs before an active dialog, which is shown again afterwards', async () => {
    const p = newParticipant({ aadObjectId: COORDINATOR_OID });
    expect(allText(await teams(p, 'start'))).toContain('Sind Sie damit einverstanden?');
    const during = await teams(p, 'protokoll');
    expect(cardFallback(during)).toContain('Protokoll: alle Kommunen');
    expect(allText(during)).toContain('Sind Sie damit einverstanden?');
    // The dialog goes on where it was.
    expect(allText(await teams(p, 'ja'))).not.toContain('Sind Sie damit einverstanden?');
  });

  it('keeps the entries after an erasure, under the same pseudonym, which no longer maps to the person', async () => {
    const leadP = await pseudonymOf(prisma(), leadKey);
    const before = await trail(prisma());
    const about = before.filter((e) => e.subject === leadP || e.actor === leadP);
    expect(about.length).toBeGreaterThan(0);

    expect(await new PrismaAuditLog(prisma()).forget(leadKey, coordinatorKey)).toBe(leadP);
    expect(await pseudonymOf(prisma(), leadKey)).toBeNull();
    expect(
      await prisma().auditPseudonym.count({ where: { OR: [{ identityKey: leadKey }, { pseudonym: leadP! }] } }),
    ).toBe(0);
    const after = await trail(prisma());
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)).toMatchObject({
      action: 'erasure',
      subject: leadP,
      actor: await pseudonymOf(prisma(), coordinatorKey),
    });

    const all = cardFallback(await teams(coordinator, 'protokoll')) ?? '';
    expect(all).toMatch(new RegExp(`\\*\\*Person gelöscht\\*\\* · von ${P} · betrifft ${leadP}`));
    const potsdam = cardFallback(await teams(coordinator, 'protokoll Potsdam')) ?? '';
    expect(potsdam).toContain(`betrifft ${leadP} · Potsdam · Rolle Leitung`);
  });
});
