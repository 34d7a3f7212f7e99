/**
 * Issue #18, the conversation understands people, through the real HTTP entry in Teams and web chat shape,
 * German and English: greetings and "what can I do here?" (outside and inside the check), questions about
 * the scale and the question mid-check, and answers in people's own words (asked back where ambiguous).
 */
import { message, newParticipant, teamsPersonal, webchat, type Participant } from '../support/activities';
import { startTestService, type ReplyActivity, type TestService } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { allText, answerSome, type Shape } from '../privacy/support';

const buttonsOf = (replies: readonly ReplyActivity[]): string[] =>
  replies.flatMap(
    (r) => (r.suggestedActions as { actions?: { value: string }[] } | undefined)?.actions?.map((a) => a.value) ?? [],
  );
const questionIds = (text: string): string[] =>
  [...text.matchAll(/"questionId":"([A-Z]{2}-\d{2})"/g)].map((m) => m[1] ?? '');

const NOT_SURE = /nicht sicher|not sure/i;
const SHAPES: [string, Shape][] = [
  ['Teams', teamsPersonal],
  ['web chat', webchat],
];

describe(`understanding (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let svc: TestService;
  const prisma = () => svc.service.db.prisma;
  beforeAll(async () => {
    svc = await startTestService();
  }, 60_000);
  afterAll(async () => svc.stop());

  const send = (shape: Shape, p: Participant, text: string) => svc.replies(message(shape, p, text));
  const storedAnswers = async (p: Participant, shape: Shape) => {
    const key = shape === webchat ? `webchat:${p.userId}` : undefined;
    const rows = await prisma().answer.findMany({
      where:
        key !== undefined
          ? { respondent: { identityKey: key } }
          : { respondent: { identityKey: { contains: p.userId } } },
      select: { questionId: true, value: true },
      orderBy: { questionId: 'asc' },
    });
    return rows.map((r) => `${r.questionId}=${r.value}`);
  };

  describe('greetings outside the check', () => {
    it.each([
      ['Hallo', 'de-DE', 'Ich begleite Mitarbeiter*innen', 'Selbstcheck starten'],
      ['Moin!', 'de-DE', 'Ich begleite Mitarbeiter*innen', 'Selbstcheck starten'],
      ['Was kann ich hier machen?', 'de-DE', 'Ich begleite Mitarbeiter*innen', 'hilfe'],
      ['Was kannst du?', 'de-DE', 'Ich begleite Mitarbeiter*innen', 'hilfe'],
      ['Hello', 'de-DE', 'I guide staff', 'start self-check'],
      ['What can I do here?', 'en-US', 'I guide staff', 'help'],
      ['Hi', 'en-US', 'I guide staff', 'start self-check'],
    ])('Teams: %j (%s) says what the bot does, with buttons', async (text, locale, expected, button) => {
      const p = newParticipant({ locale });
      const replies = await send(teamsPersonal, p, text);
      expect(allText(replies)).toContain(expected);
      expect(allText(replies)).not.toMatch(NOT_SURE);
      expect(buttonsOf(replies)).toContain(button);
    });

    it.each([
      ['Guten Tag', 'de-DE', 'Ich beantworte Fragen zum Modellprojekt', true],
      ['Hallo, was kann ich hier machen?', 'de-DE', 'Mitarbeiter*innen teilnehmender Kommunen', true],
      ['Hello!', 'de-DE', 'I answer questions about the model project', true],
      ['What can I do here?', 'en-US', 'Staff of participating municipalities', true],
      ['Merhaba', 'de-DE', 'Merhaba! Ben Weltoffen-Bot', false],
      ['Hi', 'uk-UA', 'Вітаю! Я Weltoffen-Bot', false],
      ['Hallo', 'de-x-ls', 'Sie können mir Fragen zum Projekt', false],
      ['مرحبا', 'ar', 'مرحبًا! أنا Weltoffen-Bot', false],
    ])('web chat: %j (page %s) greets citizens and staff in its language', async (text, locale, expected, start) => {
      const p = newParticipant({ locale });
      const before = await prisma().respondent.count();
      const replies = await send(webchat, p, text);
      const buttons = buttonsOf(replies);
      expect(allText(replies)).toContain(expected);
      expect(allText(replies)).not.toMatch(NOT_SURE);
      // FAQ questions as buttons; the staff's start only where the self-check speaks the language.
      expect(buttons.length).toBeGreaterThanOrEqual(2);
      expect(buttons.some((b) => /Selbstcheck starten|start self-check/.test(b))).toBe(start);
      // A greeting never opens the staff's onboarding: no consent question, nothing stored about the person.
      expect(allText(replies)).not.toMatch(/einverstanden|agree/i);
      expect(await prisma().respondent.count()).toBe(before);
    });

    it('a question that merely starts with a greeting still goes to the FAQ', async () => {
      const replies = await send(webchat, newParticipant(), 'Hallo, wie kann meine Kommune beim Projekt mitmachen?');
      expect(allText(replies)).not.toContain('Ich bin der Weltoffen-Bot');
    });
  });

  describe.each(SHAPES)('in the check (%s)', (_name, shape) => {
    const atFirstQuestion = async (english = false) => {
      const p = newParticipant();
      await answerSome(svc, shape, p, 'Potsdam', 0);
      if (english) await send(shape, p, 'english');
      return p;
    };

    it('a greeting mid-question: a short greeting and the same question again, nothing stored', async () => {
      const p = await atFirstQuestion();
      const replies = await send(shape, p, 'Hallo');
      expect(allText(replies)).toContain('Wir sind mitten im Selbstcheck');
      expect(questionIds(allText(replies))).toContain('MS-01');
      const asked = allText(await send(shape, p, 'Was kann ich hier machen?'));
      expect(asked).toContain('in eigenen Worten');
      expect(questionIds(asked)).toContain('MS-01');
      expect(await storedAnswers(p, shape)).toEqual([]);
    });

    it('German: questions about the scale and the question are answered, then the question again', async () => {
      const p = await atFirstQuestion();
      const planned = allText(await send(shape, p, 'was bedeutet geplant?'));
      expect(planned).toContain('**Geplant**: Es gibt einen Beschluss oder einen konkreten Plan');
      expect(questionIds(planned)).toContain('MS-01');
      const partly = allText(await send(shape, p, 'Was heißt teilweise?'));
      expect(partly).toContain('**Teilweise umgesetzt**: Ein Teil ist schon umgesetzt');
      const meant = allText(await send(shape, p, 'Was ist mit Leitbild gemeint?'));
      expect(meant).toContain('Zu dieser Frage: Gemeint ist ein Beschluss von Rat oder Kreistag');
      expect(questionIds(meant)).toContain('MS-01');
      expect(await storedAnswers(p, shape)).toEqual([]);
    });

    it('English: questions about the scale and the question are answered, then the question again', async () => {
      const p = await atFirstQuestion(true);
      const planned = allText(await send(shape, p, 'What does planned mean?'));
      expect(planned).toContain('**Planned**: There is a decision or a concrete plan');
      expect(questionIds(planned)).toContain('MS-01');
      const meant = allText(await send(shape, p, 'What is meant by mission statement?'));
      expect(meant).toContain('About this question: This means a decision of the council');
      expect(await storedAnswers(p, shape)).toEqual([]);
    });

    it('German: own words map to the scale; a plain yes is asked back with buttons', async () => {
      const p = await atFirstQuestion();
      const asked = await send(shape, p, 'ja, haben wir');
      expect(allText(asked)).toContain('Welche Antwort passt?');
      expect(buttonsOf(asked)).toEqual(['Vollständig umgesetzt', 'Teilweise umgesetzt']);
      expect(await storedAnswers(p, shape)).toEqual([]);
      const next = allText(await send(shape, p, 'Teilweise umgesetzt'));
      expect(questionIds(next)).toContain('MS-02');
      await send(shape, p, 'nein, gibt es nicht'); // MS-02 none: its follow-ups MS-03/04 close
      await send(shape, p, 'in Planung'); // MS-05
      const unsure = await send(shape, p, 'noch nicht, aber geplant'); // a negation is never a positive value
      expect(buttonsOf(unsure)).toEqual(['Geplant', 'Nicht vorhanden']);
      await send(shape, p, 'weiß ich nicht'); // MS-06
      expect(await storedAnswers(p, shape)).toEqual(['MS-01=partial', 'MS-02=none', 'MS-05=planned', 'MS-06=unknown']);
    });

    it('English: own words map to the scale; "yes, we have" is asked back', async () => {
      const p = await atFirstQuestion(true);
      const asked = await send(shape, p, 'yes, we have');
      expect(allText(asked)).toContain('Which one fits?');
      expect(buttonsOf(asked)).toEqual(['Fully in place', 'Partly in place']);
      await send(shape, p, 'Fully in place');
      await send(shape, p, 'partly');
      await send(shape, p, "no, we don't");
      expect(await storedAnswers(p, shape)).toEqual(['MS-01=full', 'MS-02=partial', 'MS-03=none']);
    });
  });
});
