/**
 * `meine daten` / `my data` through the real HTTP entry (issue #17): a single-use link for the person only, to
 * one JSON document with every answer given (values, comments, history), the consent, the municipality, the
 * function, roles and conversation references — and nothing of other people.
 */
import { randomUUID } from 'node:crypto';
import { aadIdentityKey } from '../../src/domain/access';
import { newParticipant, teamsPersonal, webchat } from '../support/activities';
import { startTestService, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { LINK, answerSome, say } from './support';

interface Doc {
  format: number;
  identity: { identityKey: string };
  respondent: { municipalityName: string; role: string; consentedAt: string; memberNo: number } | null;
  answers: { questionId: string; value: string; comment: string | null; round: number; history: { value: string }[] }[];
  roles: { role: string; municipalityId: string }[];
  personalConversations: { conversationId: string }[];
  botState: { key: string }[];
}

describe(`meine daten (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  const prisma = () => svc.service.db.prisma;
  beforeAll(async () => {
    svc = await startTestService({ PUBLIC_BASE_URL: 'https://bot.example.org/' });
  }, 60_000);
  afterAll(async () => svc.stop());

  const redeem = (token: string) =>
    fetch(`${svc.url}/api/downloads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });

  it('gives a web chat respondent every answer with its history and comment, once', async () => {
    const p = newParticipant();
    await answerSome(svc, webchat, p, 'Potsdam', 4, { comment: 'Ratsbeschluss 2024/17' });
    // One answer changed: its history has two entries.
    await say(svc, webchat, p, 'ändern MS-02');
    await say(svc, webchat, p, '1');
    const other = newParticipant();
    await answerSome(svc, webchat, other, 'Potsdam', 2, { comment: 'nur für mich' });

    const reply = await say(svc, webchat, p, 'meine daten');
    expect(reply).toContain('Ihre gespeicherten Daten');
    expect(reply).toContain('gilt 15 Minuten, einmal, und nur für Sie');
    const link = LINK.exec(reply);
    expect(link?.[1]).toBe('https://bot.example.org');
    const res = await redeem(link?.[2] ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="meine-daten.json"');
    const doc = (await res.json()) as Doc;

    const key = `webchat:${p.userId}`;
    expect(doc.identity.identityKey).toBe(key);
    expect(doc.respondent).toMatchObject({ municipalityName: 'Potsdam', role: 'mayor' });
    expect(doc.respondent?.consentedAt).toEqual(expect.any(String));
    const stored = await prisma().answer.findMany({
      where: { respondent: { identityKey: key } },
      include: { history: true },
      orderBy: { questionId: 'asc' },
    });
    expect(stored).toHaveLength(4);
    expect(doc.answers.map((a) => [a.questionId, a.value, a.comment, a.history.length])).toEqual(
      stored.map((a) => [a.questionId, a.value, a.comment, a.history.length]),
    );
    expect(doc.answers.find((a) => a.comment !== null)?.comment).toBe('Ratsbeschluss 2024/17');
    expect(doc.answers.find((a) => a.questionId === 'MS-02')?.history.map((h) => h.value)).toEqual(['planned', 'full']);
    // The conversation's state is part of it; another person's answers and ids are not.
    expect(doc.botState.map((s) => s.key)).toContain(`webchat/conversations/${p.conversationId}`);
    const text = JSON.stringify(doc);
    for (const foreign of [other.userId, other.conversationId, 'nur für mich']) expect(text).not.toContain(foreign);

    // Single use: the replay is refused.
    expect((await redeem(link?.[2] ?? '')).status).toBe(410);
  }, 60_000);

  it('gives a Teams user a link card in English; an erased person’s link opens nothing', async () => {
    const oid = `oid-${randomUUID()}`;
    const p = newParticipant({ aadObjectId: oid, locale: 'en-US' });
    await answerSome(svc, teamsPersonal, p, 'Potsdam', 1);
    const reply = await say(svc, teamsPersonal, p, 'my data');
    expect(reply).toContain('"type":"Action.OpenUrl","title":"Download data"');
    expect(reply).toContain('The link works for 15 minutes, once, and only for you.');
    const token = LINK.exec(reply)?.[2] ?? '';
    const unused = LINK.exec(await say(svc, teamsPersonal, p, 'my data'))?.[2] ?? '';
    const first = (await (await redeem(token)).json()) as Doc;
    expect(first.identity.identityKey).toBe(aadIdentityKey('tenant-1', oid));
    expect(first.answers).toHaveLength(1);
    expect(first.botState.map((c) => c.key)).toContain(`msteams/conversations/${p.conversationId}`);
    // The person erases themselves: the link they did not use yet is gone with them.
    await say(svc, teamsPersonal, p, 'delete my data');
    expect(await say(svc, teamsPersonal, p, 'yes, delete')).toContain('Deleted.');
    expect((await redeem(unused)).status).toBe(404);
  }, 60_000);

  it('counts links and erasure questions per person: the eleventh in an hour is refused and stores nothing', async () => {
    const p = newParticipant();
    const key = `webchat:${p.userId}`;
    for (let i = 0; i < 5; i++) expect(await say(svc, webchat, p, 'meine daten')).toMatch(LINK);
    for (let i = 0; i < 5; i++)
      expect(await say(svc, webchat, p, 'daten löschen')).toContain('Wirklich alles löschen?'); // the links are data
    expect(await prisma().downloadLink.count({ where: { issuer: key } })).toBe(5);
    expect(await say(svc, webchat, p, 'meine daten')).toContain('Bitte versuchen Sie es in 60 Minuten noch einmal');
    expect(await say(svc, webchat, p, 'daten löschen')).toContain('Bitte versuchen Sie es in 60 Minuten noch einmal');
    expect(await prisma().downloadLink.count({ where: { issuer: key } })).toBe(5);
    // Another person is not affected.
    expect(await say(svc, webchat, newParticipant(), 'my data')).toMatch(LINK);
  });

  it('refuses malformed and foreign tokens before any work, and stores nothing for a citizen who only asks', async () => {
    expect((await redeem('not-a-token')).status).toBe(400);
    expect((await redeem('A'.repeat(43))).status).toBe(404);
  });
});
