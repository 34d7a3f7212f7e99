/**
 * Turn scripts of the self-check dialogs (onboarding and the question walk) over in-memory ports: what the
 * respondent types or clicks, and exactly what the bot answers, turn by turn. They pin today's replies so
 * the dialogs can be restructured underneath them.
 */
import { MemoryAccessRepository } from '../fakes/memoryAccessRepository';
import { actionData, formInputsOf, onboard, questionIdOf, script, startConversation } from './turnScript';

const Q = (field: string, n: number, total: number, id: string) =>
  `[card] **${field}** · Frage ${n} von ca. ${total} {answer,back,skip,pause} ${id}`;
const MS = 'Management und Steuerung';
const PAUSED =
  'Pausiert. Ihre Antworten sind gespeichert. Schreiben Sie „weiter“, wenn Sie fortfahren möchten, auch in Teams oder im Web-Chat.';
const NOT_UNDERSTOOD =
  'Das konnte ich keiner Antwort zuordnen. Bitte wählen Sie 1–5 oder schreiben Sie „überspringen“.';
const UNKNOWN_FIELD = 'Dieses Handlungsfeld kenne ich nicht. Gültig sind: MS, IO, FZ, AW, EB, ZB, KK.';
const confirmText = (count: number) =>
  `Wirklich neu beginnen? Ihre ${count} Antworten dieser Runde werden gelöscht (die Ihrer Kolleg*innen bleiben). Schreiben Sie „ja“ zum Löschen oder „nein“. (Alles über Sie löschen, auch Ihre Einwilligung: „daten löschen“.)`;

describe('onboarding turn by turn', () => {
  it('asks for consent, municipality and role, then shows the first question', async () => {
    const c = startConversation();
    const intro = script(await c.say('start'));
    expect(intro).toHaveLength(2);
    expect(intro[0]).toMatch(
      /^Der Selbstcheck „Weltoffene Kommune“ fragt in sieben Handlungsfeldern[^]*\n\nDatenschutz: Ich speichere Ihre Antworten/,
    );
    expect(intro[1]).toMatch(
      /^\[application\/vnd\.microsoft\.card\.hero\] \{"text":"Sind Sie damit einverstanden\?","buttons":\[\{"title":"Ja, einverstanden"/,
    );
    expect(script(await c.say('ja'))).toEqual([
      'Für welche Kommune antworten Sie? Wählen Sie aus oder schreiben Sie den Namen.\n\nIhr Microsoft-Konto gehört zu mehreren teilnehmenden Kommunen. Wählen Sie Ihre aus.\n\n   1. Landkreis Teltow-Fläming\n   2. Potsdam',
    ]);
    expect(script(await c.say('2'))[0]).toMatch(
      /^\[application\/vnd\.microsoft\.card\.hero\] \{"text":"Welche Funktion haben Sie\?"/,
    );
    expect(script(await c.say('Verwaltungsspitze'))).toEqual([
      'Danke! Sie antworten für **Potsdam** als Verwaltungsspitze. Los geht’s.',
      Q(MS, 1, 92, 'MS-01'),
    ]);
    expect([...c.store.respondents.values()].map((r) => [r.municipalityId, r.role])).toEqual([['potsdam', 'mayor']]);
  });

  it('stores nothing when consent is declined', async () => {
    const c = startConversation();
    await c.say('start');
    expect(script(await c.say('nein'))).toEqual([
      expect.stringContaining('Ohne Ihr Einverständnis speichere ich nichts'),
    ]);
    expect(c.store.respondents.size).toBe(0);
  });
});

describe('the question walk turn by turn', () => {
  it('answers by number and by word, goes back, changes the answer and skips', async () => {
    const c = startConversation();
    await onboard(c);
    expect(script(await c.say('1'))).toEqual([Q(MS, 2, 92, 'MS-02')]);
    // "full"/"partial" on the gate MS-02 opens its follow-ups: the total grows.
    expect(script(await c.say('teilweise'))).toEqual([Q(MS, 3, 94, 'MS-03')]);
    expect(script(await c.say('zurück'))).toEqual([Q(MS, 2, 94, 'MS-02')]);
    expect(script(await c.say('nicht vorhanden'))).toEqual([Q(MS, 3, 92, 'MS-05')]);
    expect(script(await c.say('überspringen'))).toEqual([
      'Übersprungen. Sie können die Frage später mit „ändern MS-05“ beantworten.',
      Q(MS, 4, 92, 'MS-06'),
    ]);
    expect(c.answers()).toEqual({ 'MS-01': 'full', 'MS-02': 'none', 'MS-05': 'skipped' });
  });

  it('says so at the first question, re-asks once on unknown input, then only hints', async () => {
    const c = startConversation();
    await onboard(c);
    expect(script(await c.say('zurück'))).toEqual(['Das ist bereits die erste Frage.']);
    expect(script(await c.say('Wie ist das Wetter?'))).toEqual([NOT_UNDERSTOOD, Q(MS, 1, 92, 'MS-01')]);
    expect(script(await c.say('Und morgen?'))).toEqual([NOT_UNDERSTOOD]);
    expect(c.answers()).toEqual({});
  });

  it('pauses and resumes at the first unanswered question', async () => {
    const c = startConversation();
    await onboard(c);
    await c.say('1');
    expect(script(await c.say('pause'))).toEqual([PAUSED]);
    expect(script(await c.say('weiter'))).toEqual([
      'Willkommen zurück! Sie machen bei Frage 2 weiter.',
      Q(MS, 2, 92, 'MS-02'),
    ]);
  });

  it('shows the status with every field and the colleagues', async () => {
    const c = startConversation();
    await onboard(c);
    await c.say('1');
    expect(script(await c.say('status'))).toEqual([
      [
        'Ihr Fortschritt:',
        '- Management und Steuerung: 1 von 11',
        '- Interkulturelle Öffnung und Antirassismus: 0 von 11',
        '- Fairer Zugang und Teilhabechancen: 0 von 27',
        '- Arbeit und wirtschaftliche Entwicklung: 0 von 12',
        '- Engagement und Beteiligung: 0 von 10',
        '- Zusammenhalt und Begegnung: 0 von 11',
        '- Kommunikation und Konfliktmanagement: 0 von 10',
        '',
        'Noch hat niemand sonst aus Ihrer Kommune geantwortet.',
      ].join('\n'),
    ]);
  });

  it('changes an answer with "ändern XX-NN" and from the list, and refuses unknown ids', async () => {
    const c = startConversation();
    await onboard(c);
    expect(script(await c.say('ändern'))).toEqual([
      'In diesem Handlungsfeld haben Sie noch nichts beantwortet. Ändern Sie eine Antwort mit „ändern MS-03“.',
    ]);
    await c.say('1');
    await c.say('4');
    expect(script(await c.say('ändern MS-01'))).toEqual([Q(MS, 1, 92, 'MS-01')]);
    expect(script(await c.say('3'))).toEqual([Q(MS, 3, 92, 'MS-05')]);
    expect(script(await c.say('ändern XX-99'))).toEqual(['Eine Frage „XX-99“ gibt es im Selbstcheck nicht.']);
    expect(script(await c.say('ändern MS-03'))).toEqual([
      'Diese Frage stellt sich nach Ihren bisherigen Antworten nicht.',
    ]);
    const list = await c.say('ändern');
    expect(script(list)).toEqual([
      '[card] **Welche Antwort in „Management und Steuerung“ möchten Sie ändern?** {change}',
    ]);
    expect(script(await c.submit({ ...actionData(list, 'change'), questionId: 'MS-02' }))).toEqual([
      Q(MS, 2, 92, 'MS-02'),
    ]);
    expect(script(await c.say('1'))).toEqual([Q(MS, 3, 94, 'MS-03')]);
    expect(c.answers()).toEqual({ 'MS-01': 'planned', 'MS-02': 'full' });
  });

  it('switches to a field with "feld XX" and answers unknown fields', async () => {
    const c = startConversation();
    await onboard(c);
    expect(script(await c.say('feld KK'))).toEqual([Q('Kommunikation und Konfliktmanagement', 83, 92, 'KK-01')]);
    expect(script(await c.say('2'))).toEqual([Q('Kommunikation und Konfliktmanagement', 84, 92, 'KK-02')]);
    expect(script(await c.say('feld XY'))).toEqual([UNKNOWN_FIELD]);
    expect(c.answers()).toEqual({ 'KK-01': 'partial' });
  });

  it('card clicks: answer, skip, back, pause, and a stale card', async () => {
    const c = startConversation();
    const first = await onboard(c);
    const second = await c.submit({ ...actionData(first, 'answer'), answer: 'partial', comment: 'Leitbild' });
    expect(script(second)).toEqual([Q(MS, 2, 92, 'MS-02')]);
    const third = await c.submit(actionData(second, 'skip'));
    expect(script(third)).toEqual([
      'Übersprungen. Sie können die Frage später mit „ändern MS-02“ beantworten.',
      Q(MS, 3, 92, 'MS-05'),
    ]);
    expect(script(await c.submit(actionData(third, 'back')))).toEqual([Q(MS, 2, 92, 'MS-02')]);
    expect(script(await c.submit({ ...actionData(first, 'answer'), answer: 'none' }))).toEqual([
      'Diese Frage ist nicht mehr aktuell; Ihre gespeicherten Antworten bleiben unverändert. Hier geht es weiter:',
      Q(MS, 2, 92, 'MS-02'),
    ]);
    expect(script(await c.submit({ verb: 'answer' }))).toEqual([
      'Diese Eingabe konnte ich nicht verwenden; es wurde nichts geändert.',
    ]);
    expect(script(await c.submit(actionData(third, 'pause')))).toEqual([PAUSED]);
    expect(c.answers()).toEqual({ 'MS-01': 'partial', 'MS-02': 'skipped' });
    expect([...c.store.answers.values()].find((a) => a.questionId === 'MS-01')?.comment).toBe('Leitbild');
  });
});

describe('the field form turn by turn', () => {
  it('shows a form, stores its answers, adds follow-ups, switches fields and goes back to single questions', async () => {
    const c = startConversation();
    await onboard(c);
    const form = await c.say('formular');
    expect(script(form)).toEqual([`[card] **${MS}: alle Fragen** · 0 von 11 beantwortet {form,single}`]);
    expect(formInputsOf(form)).toEqual([
      'a_MS-01',
      'a_MS-02',
      'a_MS-05',
      'a_MS-06',
      'a_MS-07',
      'a_MS-08',
      'a_MS-09',
      'a_MS-10',
      'a_MS-11',
      'a_MS-12',
      'a_MS-13',
    ]);
    const data = actionData(form, 'form');
    expect(script(await c.submit(data))).toEqual([
      'Sie haben keine Antwort ausgewählt; es wurde nichts gespeichert.',
      `[card] **${MS}: alle Fragen** · 0 von 11 beantwortet {form,single}`,
    ]);
    expect(script(await c.submit({ ...data, 'a_MS-01': 'full', 'a_IO-01': 'full' }))).toEqual([
      'Diese Frage ist nicht mehr aktuell; Ihre gespeicherten Antworten bleiben unverändert. Hier geht es weiter:',
      `[card] **${MS}: alle Fragen** · 0 von 11 beantwortet {form,single}`,
    ]);
    expect(script(await c.submit({ ...data, 'a_MS-01': 'full', 'a_MS-02': 'full' }))).toEqual([
      '2 Antworten gespeichert.',
      'Durch Ihre Antworten sind weitere Fragen hinzugekommen: MS-03, MS-04',
      `[card] **${MS}: alle Fragen** · 2 von 13 beantwortet {form,single}`,
    ]);
    expect(script(await c.say('formular IO'))).toEqual([
      '[card] **Interkulturelle Öffnung und Antirassismus: alle Fragen** · 0 von 11 beantwortet {form,single}',
    ]);
    expect(script(await c.say('formular XY'))).toEqual([UNKNOWN_FIELD]);
    // In compact mode "feld" shows the field's form.
    expect(script(await c.say('feld MS'))).toEqual([
      `[card] **${MS}: alle Fragen** · 2 von 13 beantwortet {form,single}`,
    ]);
    expect(script(await c.say('einzeln'))).toEqual(['Gut, ab jetzt wieder Frage für Frage.', Q(MS, 3, 94, 'MS-03')]);
    expect(c.answers()).toEqual({ 'MS-01': 'full', 'MS-02': 'full' });
  });

  it('finishes a field from the form with its summary and moves on to the next field', async () => {
    const c = startConversation();
    await onboard(c);
    const form = await c.say('formular');
    const all = Object.fromEntries(formInputsOf(form).map((id) => [id, 'none']));
    const done = script(await c.submit({ ...actionData(form, 'form'), ...all }));
    expect(done).toEqual([
      '11 Antworten gespeichert.',
      expect.stringMatching(/^\[card\] \*\*Auswertung: Management und Steuerung\*\*/),
      '[card] **Interkulturelle Öffnung und Antirassismus: alle Fragen** · 0 von 11 beantwortet {form,single}',
    ]);
  });
});

describe('start over, results and closing a round', () => {
  it('starts over only after "ja"; "nein" keeps everything', async () => {
    const c = startConversation();
    await onboard(c);
    await c.say('1');
    await c.say('1');
    expect(script(await c.say('neu beginnen'))).toEqual([confirmText(2)]);
    expect(script(await c.say('nein'))).toEqual([
      'Nichts gelöscht; Ihre Antworten bleiben. Hier geht es weiter:',
      Q(MS, 3, 94, 'MS-03'),
    ]);
    expect(c.answers()).toEqual({ 'MS-01': 'full', 'MS-02': 'full' });
    // Any other message also keeps the answers; it is not taken as an answer either.
    await c.say('neu beginnen');
    expect(script(await c.say('1'))).toEqual([
      'Nichts gelöscht; Ihre Antworten bleiben. Hier geht es weiter:',
      Q(MS, 3, 94, 'MS-03'),
    ]);
    expect(c.answers()).toEqual({ 'MS-01': 'full', 'MS-02': 'full' });
    await c.say('neu beginnen');
    expect(script(await c.say('ja'))).toEqual(['2 Antworten gelöscht. Wir beginnen von vorn.', Q(MS, 1, 92, 'MS-01')]);
    expect(c.answers()).toEqual({});
  });

  it.each(['ja', 'J', 'yes', 'Yes!', 'y', 'ja, neu beginnen', 'Ja bitte', 'yes, start over', 'OK', 'okay'])(
    'accepts "%s" as confirmation',
    async (word) => {
      const c = startConversation();
      await onboard(c);
      await c.say('1');
      await c.say('neu beginnen');
      expect(script(await c.say(word))[0]).toBe('1 Antworten gelöscht. Wir beginnen von vorn.');
      expect(c.answers()).toEqual({});
    },
  );

  it.each(['nein', 'ja bitte nicht', 'status', 'sure', 'klar'])('keeps the answers on "%s"', async (word) => {
    const c = startConversation();
    await onboard(c);
    await c.say('1');
    await c.say('neu beginnen');
    expect(script(await c.say(word))[0]).toBe('Nichts gelöscht; Ihre Antworten bleiben. Hier geht es weiter:');
    expect(c.answers()).toEqual({ 'MS-01': 'full' });
  });

  it('handles a card click during the confirmation as a card click', async () => {
    const c = startConversation();
    const first = await onboard(c);
    await c.say('neu beginnen');
    expect(script(await c.submit({ ...actionData(first, 'answer'), answer: 'planned' }))).toEqual([
      Q(MS, 2, 92, 'MS-02'),
    ]);
    expect(c.answers()).toEqual({ 'MS-01': 'planned' });
  });

  it('re-shows the question in the new language during the confirmation, which stays open', async () => {
    const c = startConversation();
    await onboard(c);
    await c.say('1');
    await c.say('neu beginnen');
    expect(script(await c.say('english'))).toEqual([
      "All right, I'll write in English from now on.",
      '[card] **Management and steering** · Question 2 of about 92 {answer,back,skip,pause} MS-02',
    ]);
    expect(script(await c.say('yes'))).toEqual([
      '1 answers deleted. Let’s begin again.',
      '[card] **Management and steering** · Question 1 of about 92 {answer,back,skip,pause} MS-01',
    ]);
    expect(c.answers()).toEqual({});
  });

  it('shows a respondent their own assessment, the lead the consolidated result, and lets only the lead close', async () => {
    // The function chosen at onboarding grants nothing, not even "Verwaltungsspitze".
    const staff = startConversation('webchat', 'staff');
    await onboard(staff, 'Potsdam', 'Verwaltungsspitze');
    await staff.say('1');
    expect(script(await staff.say('ergebnis'))).toEqual(['[card] **Ihre eigene Einschätzung – Potsdam** {continue}']);
    expect(script(await staff.say('abschließen'))).toEqual([
      'Die Runde schließt die Kommunalleitung ab. Bitten Sie sie darum – oder lassen Sie sich die Rolle von der Projektkoordination geben.',
    ]);
    expect(staff.store.assessments.map((a) => a.status)).toEqual(['in_progress']);
    const grants = new MemoryAccessRepository();
    await grants.grant('webchat:u1', { role: 'lead', municipalityId: 'potsdam' });
    const lead = startConversation('webchat', 'lead', grants);
    await onboard(lead, 'Potsdam', 'Andere Funktion');
    expect(script(await lead.say('ergebnis'))).toEqual(['[card] **Gesamtauswertung Potsdam** {continue}']);
    expect(script(await lead.say('abschließen'))).toEqual([
      '[card] **Gesamtauswertung Potsdam** {continue}',
      'Die Runde 1 des Selbstchecks ist abgeschlossen. Mit „start“ beginnt später eine neue Runde.',
    ]);
    expect(lead.store.assessments.map((a) => a.status)).toEqual(['completed']);
  });

  it('switches to English and re-shows the question; English words answer it', async () => {
    const c = startConversation();
    await onboard(c);
    expect(script(await c.say('sprache englisch'))).toEqual([
      "All right, I'll write in English from now on.",
      '[card] **Management and steering** · Question 1 of about 92 {answer,back,skip,pause} MS-01',
    ]);
    expect(script(await c.say('partly'))).toEqual([
      '[card] **Management and steering** · Question 2 of about 92 {answer,back,skip,pause} MS-02',
    ]);
    expect(c.answers()).toEqual({ 'MS-01': 'partial' });
  });
});

describe('Teams Universal Actions turn by turn', () => {
  it('replaces the clicked card with the answered card, or with a notice for a stale one', async () => {
    const c = startConversation('msteams');
    const first = await onboard(c);
    const answered = await c.invoke({ ...actionData(first, 'answer'), answer: 'partial' });
    expect(script(answered.replies)).toEqual([Q(MS, 2, 92, 'MS-02')]);
    expect(answered.replacement?.fallbackText).toBe(
      'Gibt es einen Ratsbeschluss oder ein Leitbild, in dem sich die Kommune zu Weltoffenheit und Vielfalt bekennt?\n\nIhre Antwort: Teilweise umgesetzt',
    );
    const stale = await c.invoke(actionData(first, 'back'));
    const notice =
      'Diese Frage ist nicht mehr aktuell; Ihre gespeicherten Antworten bleiben unverändert. Hier geht es weiter:';
    expect(script(stale.replies)).toEqual([notice, Q(MS, 2, 92, 'MS-02')]);
    expect(stale.replacement).toEqual({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      fallbackText: notice,
      body: [{ type: 'TextBlock', text: notice, wrap: true }],
    });
    const paused = await c.invoke(actionData(answered.replies, 'pause'));
    expect(script(paused.replies)).toEqual([PAUSED]);
    expect(paused.replacement?.body).toEqual([{ type: 'TextBlock', text: PAUSED, wrap: true }]);
    expect(c.answers()).toEqual({ 'MS-01': 'partial' });
  });

  it('acts on a click while the start-over confirmation waits, which then lapses', async () => {
    const c = startConversation('msteams');
    const first = await onboard(c);
    await c.say('neu beginnen');
    const clicked = await c.invoke({ ...actionData(first, 'answer'), answer: 'full' });
    expect(script(clicked.replies)).toEqual([Q(MS, 2, 92, 'MS-02')]);
    expect(clicked.replacement?.fallbackText).toMatch(/Ihre Antwort: Vollständig umgesetzt$/);
    expect(script(await c.say('1'))).toEqual([Q(MS, 3, 94, 'MS-03')]);
    expect(c.answers()).toEqual({ 'MS-01': 'full', 'MS-02': 'full' });
  });

  it('replaces a submitted form with how many answers were saved', async () => {
    const c = startConversation('msteams');
    await onboard(c);
    const form = await c.say('formular');
    const saved = await c.invoke({ ...actionData(form, 'form'), 'a_MS-01': 'full' });
    expect(script(saved.replies)).toEqual([
      '1 Antworten gespeichert.',
      `[card] **${MS}: alle Fragen** · 1 von 11 beantwortet {form,single}`,
    ]);
    expect(saved.replacement?.fallbackText).toBe(`${MS}: alle Fragen\n\n✔ 1 Antworten gespeichert.`);
    expect(questionIdOf(saved.replies)).toBeUndefined();
  });
});
