import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newParticipant, teamsChannel, teamsPersonal, webchat } from '../support/activities';
import { usingPostgres } from '../support/testDatabase';
import { allText, cardsOf, conversationHarness, questionCard, questionIdOf } from './harness';

describe(`the self-check as a conversation (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const { svc, say, submit, prisma, storedAnswers, onboard } = conversationHarness();

  it('onboards with privacy notice, consent, municipality and role, then asks the first question', async () => {
    const p = newParticipant();
    const first = await onboard(webchat, p, 'Potsdam', 'Verwaltungsspitze');
    expect(allText(first)).toContain('Sie antworten für **Potsdam** als Verwaltungsspitze');
    expect(questionIdOf(first)).toBe('MS-01');
    expect(JSON.stringify(questionCard(first))).toMatch(/Frage 1 von ca\. \d+/);
    const respondent = await prisma().respondent.findUnique({ where: { identityKey: `webchat:${p.userId}` } });
    expect(respondent).toMatchObject({ municipalityId: 'potsdam', role: 'mayor' });
    expect(respondent?.consentedAt).toBeInstanceOf(Date);
  });

  it('stores nothing about a person who declines consent', async () => {
    const p = newParticipant();
    await say(webchat, p, 'start');
    const declined = await say(webchat, p, 'nein');
    expect(allText(declined)).toContain('Ohne Ihr Einverständnis speichere ich nichts');
    expect(await prisma().respondent.count({ where: { identityKey: `webchat:${p.userId}` } })).toBe(0);
    // Changing one's mind later starts onboarding again.
    expect(allText(await say(webchat, p, 'start'))).toContain('Datenschutz');
  });

  it('keeps the self-check out of Teams channels, where members would share one session', async () => {
    const p = newParticipant({ aadObjectId: `aad-channel-${Date.now()}` });
    const replies = await say(teamsChannel, p, 'start');
    expect(allText(replies)).toContain('im persönlichen Chat');
    expect(questionCard(replies)).toBeUndefined();
    expect(await prisma().respondent.count({ where: { identityKey: `aad:tenant-1:${p.aadObjectId}` } })).toBe(0);
  });

  it('stores card and typed answers at once, supports back, skip, change, pause and resume, and shows the field summary', async () => {
    const p = newParticipant();
    const key = `webchat:${p.userId}`;
    const first = await onboard(webchat, p, 'Bochum', 'Integrationsbeauftragte*r / Flüchtlingskoordination');
    const data = questionCard(first)!.actions!.at(0)!.data;
    expect(data).toMatchObject({ verb: 'answer', questionId: 'MS-01' });

    const afterCard = await submit(webchat, p, { ...data, answer: 'partial', comment: 'Leitbild 2019' });
    expect(questionIdOf(afterCard)).toBe('MS-02');
    expect(await storedAnswers(key)).toEqual({ 'MS-01': { value: 'partial', comment: 'Leitbild 2019' } });

    const afterTyped = await say(webchat, p, '1');
    expect(questionIdOf(afterTyped)).toBe('MS-03'); // MS-02 answered "full" opens its follow-up MS-03

    const back = await say(webchat, p, 'zurück');
    expect(questionIdOf(back)).toBe('MS-02');
    expect(JSON.stringify(questionCard(back))).toContain('"value":"full"');
    const changed = await say(webchat, p, 'nicht vorhanden');
    // MS-02 = none closes MS-03, so the walk continues behind it.
    expect(questionIdOf(changed)).not.toBe('MS-03');
    expect((await storedAnswers(key))['MS-02']?.value).toBe('none');
    expect(
      await prisma().answerHistory.count({
        where: { answer: { respondent: { identityKey: key }, questionId: 'MS-02' } },
      }),
    ).toBe(2);

    const skippedId = questionIdOf(changed)!;
    const skipped = await submit(webchat, p, {
      ...questionCard(changed)!.actions!.find((a) => a.data['verb'] === 'skip')!.data,
    });
    expect(allText(skipped)).toContain('Übersprungen');
    expect((await storedAnswers(key))[skippedId]?.value).toBe('skipped');
    const nextId = questionIdOf(skipped);

    const change = await say(webchat, p, 'ändern MS-01');
    expect(questionIdOf(change)).toBe('MS-01');
    await say(webchat, p, '3');
    expect((await storedAnswers(key))['MS-01']).toEqual({ value: 'planned', comment: 'Leitbild 2019' });

    expect(allText(await say(webchat, p, 'pause'))).toContain('Pausiert');
    expect(questionCard(await say(webchat, p, 'Wie ist das Wetter?'))).toBeUndefined();
    const resumed = await say(webchat, p, 'weiter');
    expect(allText(resumed)).toContain('Willkommen zurück');
    expect(questionIdOf(resumed)).toBe(nextId);

    // A new conversation of the same user (e.g. after a restart that lost conversation state) continues there too.
    const elsewhere = await say(webchat, { ...p, conversationId: `${p.conversationId}-2` }, 'weiter');
    expect(questionIdOf(elsewhere)).toBe(nextId);

    // Answer the rest of the field; the field summary appears after its last question.
    let replies = elsewhere;
    for (let i = 0; i < 40 && !allText(replies).includes('Auswertung: Management und Steuerung'); i++) {
      replies = await say(webchat, { ...p, conversationId: `${p.conversationId}-2` }, '2');
    }
    expect(allText(replies)).toContain('Auswertung: Management und Steuerung');
    expect(allText(replies)).toMatch(/Ampel/);
    expect(questionIdOf(replies)).toMatch(/^IO-/);

    const status = await say(webchat, p, 'status');
    expect(allText(status)).toMatch(/Management und Steuerung: (\d+) von \1/);
  });

  it('walks all seven fields with alternating card clicks and typed answers, with a summary after each field and at the end', async () => {
    const p = newParticipant();
    const key = `webchat:${p.userId}`;
    // The lead of Kiel (a lead code): the overall result at the end is the consolidated one.
    let replies = await onboard(webchat, p, 'Kiel', 'Fachbereichsleitung Integration/Vielfalt', { lead: true });
    const fieldSummaries: string[] = [];
    const scale = ['full', 'partial', 'planned', 'none', 'unknown'] as const;
    let turns = 0;
    for (;;) {
      const id = questionIdOf(replies);
      const text = allText(replies);
      for (const m of text.matchAll(/Auswertung: ([^\n*"]+)/g)) fieldSummaries.push((m[1] ?? '').trim());
      if (id === undefined) break;
      expect(turns++).toBeLessThan(200);
      // Even turns click the card, odd turns type the scale number; the answer cycles through the scale.
      const value = scale[turns % scale.length] ?? 'full';
      if (turns % 2 === 0) {
        const data = questionCard(replies)!.actions!.find((a) => a.data['verb'] === 'answer')!.data;
        replies = await submit(webchat, p, { ...data, answer: value });
      } else {
        replies = await say(webchat, p, String(scale.indexOf(value) + 1));
      }
      // A field summary card carries a "Weiter" action; continue to the next field from it.
      if (
        questionIdOf(replies) === undefined &&
        /Auswertung: /.test(allText(replies)) &&
        !/Gesamtauswertung/.test(allText(replies))
      ) {
        for (const m of allText(replies).matchAll(/Auswertung: ([^\n*"]+)/g)) fieldSummaries.push((m[1] ?? '').trim());
        replies = await say(webchat, p, 'weiter');
      }
    }
    const final = allText(replies);
    expect(final).toContain('Gesamtauswertung Kiel');
    expect(new Set(fieldSummaries).size).toBe(7);
    const stored = await storedAnswers(key);
    // Every question the walk asked is stored; gated follow-ups of "none" gates were never asked.
    expect(Object.keys(stored).length).toBe(turns);
    expect(Object.keys(stored).length).toBeGreaterThan(80);
  });

  it('switches to another field of action and continues there; unknown fields and questions get a short answer', async () => {
    const p = newParticipant();
    await onboard(webchat, p, 'Kreis Lippe', 'Andere Funktion');
    const kk = await say(webchat, p, 'feld KK');
    const firstKk = questionIdOf(kk);
    expect(firstKk).toMatch(/^KK-/);
    const after = await say(webchat, p, '2');
    expect(questionIdOf(after)).toMatch(/^KK-/);
    expect(questionIdOf(after)).not.toBe(firstKk);
    expect(allText(await say(webchat, p, 'feld XY'))).toContain('Dieses Handlungsfeld kenne ich nicht');
    expect(allText(await say(webchat, p, 'ändern XX-99'))).toContain('Eine Frage „XX-99“ gibt es im Selbstcheck nicht');
    expect(await storedAnswers(`webchat:${p.userId}`)).toEqual({ [firstKk!]: { value: 'partial', comment: null } });
  });

  it('leaves stored answers unchanged for bad, stale, foreign and off-scale card payloads', async () => {
    const p = newParticipant();
    const key = `webchat:${p.userId}`;
    const first = await onboard(webchat, p, 'Iserlohn', 'Mitglied Integrationsbeirat');
    const data = questionCard(first)!.actions!.at(0)!.data;
    await submit(webchat, p, { ...data, answer: 'full' });
    const before = await storedAnswers(key);
    const historyBefore = await prisma().answerHistory.count();

    const cases: Record<string, unknown>[] = [
      { ...data, answer: 'excellent' },
      { ...data, answer: '' },
      { ...data, questionId: 'XX-99', answer: 'full' },
      { ...data, assessmentId: 'someone-elses-assessment', answer: 'none' },
      { ...data, questionnaireVersion: 99, answer: 'none' },
      { ...data, answer: 'none' }, // stale: MS-01 is no longer the open question
      { verb: 'answer' },
      { verb: 'drop table', questionId: 'MS-01' },
    ];
    for (const value of cases) {
      const replies = await submit(webchat, p, value);
      expect(replies.length).toBeGreaterThan(0);
      expect(allText(replies)).toMatch(
        /nicht mehr aktuell|nicht verwenden|Bitte wählen Sie|gibt es im Selbstcheck nicht/,
      );
    }
    // A double click (same answer again) changes nothing either, and just moves on.
    const again = await submit(webchat, p, { ...data, answer: 'full' });
    expect(questionIdOf(again)).toBe('MS-02');
    expect(await storedAnswers(key)).toEqual(before);
    expect(await prisma().answerHistory.count()).toBe(historyBefore);
  });

  it('switches language mid-question and re-shows the question in English; typed English answers work', async () => {
    const p = newParticipant();
    const key = `webchat:${p.userId}`;
    await onboard(webchat, p, 'Aachen', 'Andere Funktion');
    const switched = await say(webchat, p, 'english');
    expect(allText(switched)).toContain("I'll write in English");
    expect(JSON.stringify(questionCard(switched))).toContain('Question 1 of about');
    const next = await say(webchat, p, 'partly');
    expect(questionIdOf(next)).toBe('MS-02');
    expect((await storedAnswers(key))['MS-01']?.value).toBe('partial');
  });

  it('stores a double-submitted answer once when the two turns run concurrently', async () => {
    const p = newParticipant();
    const key = `webchat:${p.userId}`;
    const first = await onboard(webchat, p, 'Lübeck', 'Verwaltungsspitze');
    const value = { ...questionCard(first)!.actions!.at(0)!.data, answer: 'planned' };
    const both = await Promise.all([submit(webchat, p, value), submit(webchat, p, value)]);
    for (const replies of both) expect(questionIdOf(replies)).toBe('MS-02');
    expect(await storedAnswers(key)).toEqual({ 'MS-01': { value: 'planned', comment: null } });
    expect(await prisma().answerHistory.count({ where: { answer: { respondent: { identityKey: key } } } })).toBe(1);
  });

  it('resets a dialog stack of an older release and resumes from the stored answers', async () => {
    const p = newParticipant();
    const first = await onboard(webchat, p, 'Kiel', 'Andere Funktion');
    await submit(webchat, p, { ...questionCard(first)!.actions!.at(0)!.data, answer: 'none' });
    const stateKey = `webchat/conversations/${p.conversationId}`;
    const row = await prisma().botStateItem.findUniqueOrThrow({ where: { key: stateKey } });
    await prisma().botStateItem.update({
      where: { key: stateKey },
      data: {
        data: { ...(row.data as object), dialogState: { dialogStack: [{ id: 'assessment.v0', state: { step: 3 } }] } },
      },
    });
    const replies = await say(webchat, p, '1');
    // The typed answer is not applied blindly to an unknown position; the walk resumes instead.
    expect(questionIdOf(replies)).toBe('MS-02');
    const resumed = await say(webchat, p, 'weiter');
    expect(questionIdOf(resumed)).toBe('MS-02');
  });

  it('consolidates two respondents of one municipality and shows their divergence', async () => {
    const a = newParticipant();
    const b = newParticipant();
    const firstA = await onboard(webchat, a, 'Erlangen', 'Verwaltungsspitze');
    const firstB = await onboard(webchat, b, 'Erlangen', 'Mitarbeiter*in Integrationsstelle', { lead: true });
    expect(questionCard(firstA)!.actions!.at(0)!.data['assessmentId']).toBe(
      questionCard(firstB)!.actions!.at(0)!.data['assessmentId'],
    );
    await say(webchat, a, '1');
    await say(webchat, b, '4');
    const result = await say(webchat, b, 'ergebnis');
    const text = allText(result);
    expect(text).toContain('Gesamtauswertung Erlangen');
    expect(text).toContain('Antwortende: 2');
    expect(text).toContain('MS-01 – Gibt es einen Ratsbeschluss oder ein Leitbild, in dem sich die Kommune zu');
    expect(text).toContain(': von „Vollständig umgesetzt“ bis „Nicht vorhanden“');
    // The colleague without the lead role, though "Verwaltungsspitze", sees their own answers only.
    const own = allText(await say(webchat, a, 'ergebnis'));
    expect(own).toContain('Ihre eigene Einschätzung – Erlangen');
    expect(own).not.toContain('Antwortende: 2');
    expect(own).not.toContain('MS-01 – ');
  });

  it('closes a round: only the lead may, colleagues cannot write into it, and start opens round 2', async () => {
    const lead = newParticipant();
    const staff = newParticipant();
    const firstLead = await onboard(webchat, lead, 'Halle (Saale)', 'Mitarbeiter*in Integrationsstelle', {
      lead: true,
    });
    const firstStaff = await onboard(webchat, staff, 'Halle (Saale)', 'Verwaltungsspitze');
    const round1 = questionCard(firstLead)!.actions!.at(0)!.data['assessmentId'] as string;
    await say(webchat, lead, '1');

    // "Verwaltungsspitze" is the function the colleague chose: it grants no right to close the round.
    expect(allText(await say(webchat, staff, 'abschließen'))).toContain('Die Runde schließt die Kommunalleitung ab');
    expect(await prisma().assessment.findUnique({ where: { id: round1 } })).toMatchObject({ status: 'in_progress' });
    const closed = await say(webchat, lead, 'abschließen');
    expect(allText(closed)).toContain('Gesamtauswertung Halle (Saale)');
    expect(allText(closed)).toContain('Die Runde 1 des Selbstchecks ist abgeschlossen');
    expect(await prisma().assessment.findUnique({ where: { id: round1 } })).toMatchObject({ status: 'completed' });

    // The colleague still has round 1 on screen: the answer is refused, nothing is stored.
    const refused = await submit(webchat, staff, { ...questionCard(firstStaff)!.actions!.at(0)!.data, answer: 'full' });
    expect(allText(refused)).toContain('inzwischen abgeschlossen');
    expect(await prisma().answer.count({ where: { respondent: { identityKey: `webchat:${staff.userId}` } } })).toBe(0);

    const restarted = await say(webchat, staff, 'start');
    const round2 = questionCard(restarted)!.actions!.at(0)!.data['assessmentId'] as string;
    expect(round2).not.toBe(round1);
    expect(await prisma().assessment.findUnique({ where: { id: round2 } })).toMatchObject({
      round: 2,
      status: 'in_progress',
    });
    expect(questionIdOf(restarted)).toBe('MS-01');
  });

  it('a colleague who still has the closed round open continues in the new round with "weiter"', async () => {
    const lead = newParticipant();
    const staff = newParticipant();
    await onboard(webchat, lead, 'Halle (Saale)', 'Mitarbeiter*in Integrationsstelle', { lead: true });
    const first = await onboard(webchat, staff, 'Halle (Saale)', 'Verwaltungsspitze');
    const before = questionCard(first)!.actions!.at(0)!.data['assessmentId'] as string;
    await say(webchat, lead, '1');
    expect(allText(await say(webchat, lead, 'abschließen'))).toContain('ist abgeschlossen');

    const resumed = await say(webchat, staff, 'weiter');
    const now = questionCard(resumed)!.actions!.at(0)!.data['assessmentId'] as string;
    expect(now).not.toBe(before);
    expect(await prisma().assessment.findUnique({ where: { id: now } })).toMatchObject({ status: 'in_progress' });
    expect(questionIdOf(resumed)).toBe('MS-01');
    // The next answer goes into the open round.
    await say(webchat, staff, '2');
    expect(await prisma().answer.count({ where: { assessmentId: now } })).toBe(1);
  });

  describe('in Teams with Universal Actions', () => {
    let connector: Server;
    let connectorUrl: string;
    const calls: { method: string; url: string; body: Record<string, unknown> }[] = [];
    beforeAll(async () => {
      connector = createServer((req, res) => {
        let raw = '';
        req.on('data', (c: Buffer) => (raw += c.toString()));
        req.on('end', () => {
          calls.push({
            method: req.method ?? '',
            url: req.url ?? '',
            body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
          });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `sent-${calls.length}` }));
        });
      });
      await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
      connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
    });
    afterAll(async () => new Promise<void>((resolve) => connector.close(() => resolve())));

    it('replaces the answered card in place, sends the next question and ignores a second click', async () => {
      const p = newParticipant({ serviceUrl: connectorUrl, aadObjectId: `aad-${Date.now()}` });
      const first = await onboard(teamsPersonal, p, 'Landkreis Teltow-Fläming', 'Verwaltungsspitze');
      const action = questionCard(first)!.actions!.at(0)!;
      expect(action).toMatchObject({ type: 'Action.Execute', verb: 'answer' });

      const invoke = (data: Record<string, unknown>) =>
        svc().post(
          teamsPersonal(p, {
            type: 'invoke',
            name: 'adaptiveCard/action',
            replyToId: 'card-activity-1',
            value: { action: { type: 'Action.Execute', verb: 'answer', data: { ...data, answer: 'partial' } } },
          }),
        );
      calls.length = 0;
      const res = await invoke(action.data);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      expect(JSON.stringify(res.body)).toContain('Ihre Antwort: Teilweise umgesetzt');
      const posted = calls.filter(
        (c) =>
          c.method === 'POST' &&
          c.url.startsWith(`/v3/conversations/${encodeURIComponent(p.conversationId)}/activities`),
      );
      expect(JSON.stringify(posted.map((c) => c.body))).toContain('"questionId":"MS-02"');
      const stored = await prisma().answer.findMany({
        where: { respondent: { identityKey: `aad:tenant-1:${p.aadObjectId}` } },
      });
      expect(stored.map((a) => [a.questionId, a.value, a.channel])).toEqual([['MS-01', 'partial', 'msteams']]);

      calls.length = 0;
      const second = await invoke(action.data);
      expect(second.status).toBe(200);
      expect(
        await prisma().answerHistory.count({ where: { answer: { respondentId: stored.at(0)!.respondentId } } }),
      ).toBe(1);
    });

    it('replaces a submitted form in place with how many answers were saved', async () => {
      const p = newParticipant({ serviceUrl: connectorUrl, aadObjectId: `aad-form-${Date.now()}` });
      await onboard(teamsPersonal, p, 'Kreis Lippe', 'Verwaltungsspitze');
      const form = cardsOf(await say(teamsPersonal, p, 'form')).find((c) => c.actions?.some((a) => a.verb === 'form'));
      const action = form!.actions!.find((a) => a.verb === 'form')!;
      expect(action).toMatchObject({ type: 'Action.Execute' });
      const res = await svc().post(
        teamsPersonal(p, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: 'form-activity-1',
          value: { action: { type: 'Action.Execute', verb: 'form', data: { ...action.data, 'a_MS-01': 'full' } } },
        }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      expect(JSON.stringify(res.body)).toContain('1 Antworten gespeichert');
      const stored = await prisma().answer.findMany({
        where: { respondent: { identityKey: `aad:tenant-1:${p.aadObjectId}` } },
      });
      expect(stored.map((a) => [a.questionId, a.value])).toEqual([['MS-01', 'full']]);
    });

    it('answers a card of another municipality politely and stores nothing', async () => {
      const p = newParticipant({ serviceUrl: connectorUrl, aadObjectId: `aad-foreign-${Date.now()}` });
      const first = await onboard(teamsPersonal, p, 'Zwickau', 'Verwaltungsspitze');
      const data = questionCard(first)!.actions!.at(0)!.data;
      calls.length = 0;
      const res = await svc().post(
        teamsPersonal(p, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'answer',
              data: { ...data, assessmentId: 'assessment-of-bochum', answer: 'full' },
            },
          },
        }),
      );
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).toContain('nicht mehr aktuell');
      expect(JSON.stringify(calls.map((c) => c.body))).toContain('"questionId":"MS-01"');
      expect(
        await prisma().answer.count({ where: { respondent: { identityKey: `aad:tenant-1:${p.aadObjectId}` } } }),
      ).toBe(0);
    });
  });
});
