import { inviteCode } from '../support/membership';
import { message, newParticipant, teamsPersonal, webchat } from '../support/activities';
import { startTestService, type ReplyActivity, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { allText, cardsOf, conversationHarness, questionCard, questionIdOf, type CardJson } from './harness';

describe(`the self-check as a conversation: forms, re-asking, language, restart (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const { svc, say, submit, prisma, storedAnswers, onboard } = conversationHarness();

  it('compact mode: a field on one form, answers stored at once, follow-ups added, stale and off-scale forms change nothing', async () => {
    const p = newParticipant();
    const key = `webchat:${p.userId}`;
    await onboard(webchat, p, 'Aachen', 'Verwaltungsspitze');
    const formOf = (replies: readonly ReplyActivity[]) =>
      cardsOf(replies).find((c) => c.actions?.some((a) => a.data['verb'] === 'form'));
    const inputsOf = (form: CardJson | undefined) =>
      (form?.body ?? []).flatMap((e) =>
        (e as { type?: string; id?: string }).type === 'Input.ChoiceSet' ? [(e as { id: string }).id] : [],
      );

    const first = formOf(await say(webchat, p, 'formular'));
    expect(first).toBeDefined();
    const inputs = inputsOf(first);
    expect(inputs[0]).toBe('a_MS-01');
    expect(inputs).not.toContain('a_MS-03'); // a follow-up, closed until its gate question is answered
    const data = first!.actions!.find((a) => a.data['verb'] === 'form')!.data;
    expect(data).toMatchObject({ verb: 'form', fieldId: 'MS' });

    // A form naming another field's question, or a value off the scale: nothing stored.
    expect(allText(await submit(webchat, p, { ...data, 'a_MS-01': 'full', 'a_IO-01': 'full' }))).toContain(
      'nicht mehr aktuell',
    );
    expect(allText(await submit(webchat, p, { ...data, 'a_MS-01': 'sehr gut' }))).toContain('nicht verwenden');
    expect(await storedAnswers(key)).toEqual({});

    // Gate MS-02 answered "full" on the form opens its follow-up MS-03, which the next form then shows.
    const saved = await submit(webchat, p, { ...data, 'a_MS-01': 'partial', 'a_MS-02': 'full', 'a_MS-04': '' });
    expect(allText(saved)).toContain('2 Antworten gespeichert');
    expect(allText(saved)).toContain('MS-03');
    expect(await storedAnswers(key)).toEqual({
      'MS-01': { value: 'partial', comment: null },
      'MS-02': { value: 'full', comment: null },
    });
    const second = formOf(saved);
    expect(inputsOf(second)).toContain('a_MS-03');
    expect(JSON.stringify(second)).toContain('"value":"partial"');

    // Submitting the same form again stores nothing new.
    await submit(webchat, p, { ...data, 'a_MS-01': 'partial', 'a_MS-02': 'full' });
    expect(await prisma().answerHistory.count({ where: { answer: { respondent: { identityKey: key } } } })).toBe(2);

    // The rest of the field at once: the field summary follows, then the next field's form.
    const rest = Object.fromEntries(
      inputsOf(second)
        .filter((id) => id !== 'a_MS-01' && id !== 'a_MS-02')
        .map((id) => [id, 'planned']),
    );
    const done = await submit(webchat, p, { ...data, ...rest });
    expect(allText(done)).toContain('Auswertung: Management und Steuerung');
    expect(formOf(done)?.actions?.find((a) => a.data['verb'] === 'form')?.data['fieldId']).toBe('IO');

    // Back to one question per card.
    const single = await say(webchat, p, 'einzeln');
    expect(questionIdOf(single)).toBe('IO-01');
  });

  it('re-asks once on unknown input, changes an answer picked from a list, shows colleagues in the status and starts over only after confirmation', async () => {
    const colleague = newParticipant();
    await onboard(webchat, colleague, 'Iserlohn', 'Mitglied Integrationsbeirat');
    await say(webchat, colleague, '1');
    const p = newParticipant();
    const key = `webchat:${p.userId}`;
    await onboard(webchat, p, 'Iserlohn', 'Verwaltungsspitze');
    await say(webchat, p, '2');
    await say(webchat, p, '1');

    // Unknown input: the hint and the question once; a second stray message gets only the hint.
    const stray = await say(webchat, p, 'Wie ist das Wetter?');
    expect(allText(stray)).toContain('keiner Antwort zuordnen');
    expect(questionIdOf(stray)).toBe('MS-03');
    const again = await say(webchat, p, 'Und morgen?');
    expect(allText(again)).toContain('keiner Antwort zuordnen');
    expect(questionCard(again)).toBeUndefined();

    // Status: own progress and what the colleague (by role only) has answered.
    const status = allText(await say(webchat, p, 'status'));
    expect(status).toContain('Kolleg*innen');
    expect(status).toMatch(/Integrationsbeirat: MS 1\/\d+/);

    // "ändern" alone lists the field's answered questions; picking one shows it for a change.
    const list = cardsOf(await say(webchat, p, 'ändern'));
    const pick = list.find((c) => c.actions?.some((a) => a.data['verb'] === 'change'));
    expect(JSON.stringify(pick)).toContain('MS-01');
    const change = await submit(webchat, p, { ...pick!.actions!.at(0)!.data, questionId: 'MS-01' });
    expect(questionIdOf(change)).toBe('MS-01');
    await say(webchat, p, '3');
    expect((await storedAnswers(key))['MS-01']?.value).toBe('planned');

    // Start over: "nein" keeps everything, "ja" removes only this person's answers.
    expect(allText(await say(webchat, p, 'neu beginnen'))).toContain('2 Antworten dieser Runde werden gelöscht');
    expect(allText(await say(webchat, p, 'nein'))).toContain('Nichts gelöscht');
    expect(Object.keys(await storedAnswers(key))).toHaveLength(2);
    await say(webchat, p, 'neu beginnen');
    const restarted = await say(webchat, p, 'ja');
    expect(allText(restarted)).toContain('2 Antworten gelöscht');
    expect(questionIdOf(restarted)).toBe('MS-01');
    expect(await storedAnswers(key)).toEqual({});
    expect(Object.keys(await storedAnswers(`webchat:${colleague.userId}`))).toHaveLength(1);
  });

  it("stores a respondent's language switch and uses it for the same person elsewhere", async () => {
    const p = newParticipant({ aadObjectId: `aad-lang-${Date.now()}` });
    await onboard(teamsPersonal, p, 'Kiel', 'Verwaltungsspitze');
    expect(allText(await say(teamsPersonal, p, 'english'))).toMatch(/English/);
    const respondent = await prisma().respondent.findUnique({
      where: { identityKey: `aad:tenant-1:${p.aadObjectId}` },
    });
    expect(respondent?.locale).toBe('en');
    // The same person with a new channel user id (user state is empty there) and a German client.
    const elsewhere = { ...p, userId: `${p.userId}-other`, conversationId: `${p.conversationId}-other` };
    expect(allText(await say(teamsPersonal, elsewhere, 'hilfe'))).toMatch(/You can write/);
    // Someone who never consented gets the channel's language, and nothing is stored about them.
    const stranger = newParticipant({ aadObjectId: `aad-stranger-${Date.now()}` });
    expect(allText(await say(teamsPersonal, stranger, 'english'))).toMatch(/English/);
    expect(await prisma().respondent.count({ where: { identityKey: `aad:tenant-1:${stranger.aadObjectId}` } })).toBe(0);
    expect(allText(await say(teamsPersonal, { ...stranger, userId: `${stranger.userId}-other` }, 'hilfe'))).toMatch(
      /Das können Sie mir schreiben/,
    );
  });

  (usingPostgres ? it.skip : it)('needs few database queries per answer turn', async () => {
    const p = newParticipant();
    const first = await onboard(webchat, p, 'Konstanz', 'Verwaltungsspitze');
    const pglite = svc().service.db.pglite!;
    const original = pglite.query.bind(pglite);
    let count = 0;
    // The outbox sender and reminder job poll the same embedded database in the background; their
    // statements are not part of the turn.
    const background = /outbox|channel_subscription|personal_conversation|reminder/i;
    const counting = (async (...args: Parameters<typeof original>) => {
      if (!background.test(String(args[0]))) count += 1;
      return original(...args);
    }) as typeof pglite.query;
    pglite.query = counting;
    try {
      await submit(webchat, p, { ...questionCard(first)!.actions!.at(0)!.data, answer: 'full' });
      const cardTurn = count;
      count = 0;
      await say(webchat, p, '2');
      const typedTurn = count;
      // State read (conversation + user state and the session's stored answers in one statement), then
      // the answer together with the state save (one statement; see TurnWrites).
      expect({ cardTurn, typedTurn }).toEqual({ cardTurn: 2, typedTurn: 2 });
    } finally {
      pglite.query = original;
    }
  });
});

describe('the self-check across a service restart', () => {
  it('continues at the first unanswered question after the service restarts on the same database', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { createTestDatabase } = await import('../support/testDatabase');
    let env: Record<string, string> = {};
    let database = await createTestDatabase();
    if (!usingPostgres) {
      // An on-disk PGlite, so the data outlives the first service instance.
      const dir = mkdtempSync(path.join(tmpdir(), 'wb-restart-'));
      env = { DATABASE_URL: `pglite:${dir}` };
      // Seeded from the migrated snapshot (a fresh on-disk migration takes ~10 s); the second start opens the directory as is.
      database = {
        target: { kind: 'pglite', dataDir: dir },
        openOptions: database.openOptions,
        dispose: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      };
    }
    const p = newParticipant();
    const first = await startTestService(env, database);
    try {
      const say = (s: TestService, text: string) => s.replies(message(webchat, p, text));
      await say(first, 'start');
      await say(first, 'ja');
      await say(first, await inviteCode(first.service.db.prisma, 'Potsdam'));
      await say(first, 'Verwaltungsspitze');
      await say(first, '1');
      expect(questionIdOf(await say(first, '1'))).toBe('MS-03');
    } finally {
      await first.stop();
    }
    const second = await startTestService(env, usingPostgres ? database : { ...database, openOptions: {} });
    try {
      const resumed = await second.replies(message(webchat, p, 'weiter'));
      expect(questionIdOf(resumed)).toBe('MS-03');
      const otherConversation = await second.replies(
        message(webchat, { ...p, conversationId: `${p.conversationId}-after-restart` }, 'weiter'),
      );
      expect(allText(otherConversation)).toContain('Willkommen zurück');
      expect(questionIdOf(otherConversation)).toBe('MS-03');
    } finally {
      await second.stop();
      await database.dispose();
    }
  });
});
