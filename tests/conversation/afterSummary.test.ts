/**
 * Issue #18, through the real HTTP entry in Teams and web chat shape, German and English: after the overall
 * summary "weiter" offers what comes next instead of the same summary again (leads also the workshop: export,
 * blank questionnaires, closing the round), and the summary's divergences name their questions.
 */
import { newParticipant, teamsPersonal, webchat, type Participant } from '../support/activities';
import type { ReplyActivity } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { shortenAtWord } from '../../cards/format';
import { currentQuestionnaire, findQuestion } from '../../src/domain/selbstcheck';
import { allText, cardsOf, conversationHarness, type CardJson, type Shape } from './harness';

const q = currentQuestionnaire();

const formOf = (replies: readonly ReplyActivity[]): CardJson | undefined =>
  cardsOf(replies).find((c) => c.actions?.some((a) => a.data['verb'] === 'form'));
const inputsOf = (form: CardJson): string[] =>
  form.body.flatMap((e) => ((e as { type?: string }).type === 'Input.ChoiceSet' ? [(e as { id: string }).id] : []));
const suggestionsOf = (replies: readonly ReplyActivity[]): string[] =>
  replies
    .flatMap((r) => (r.suggestedActions as { actions?: { title: string; value: string }[] } | undefined)?.actions ?? [])
    .map((a) => {
      // An imBack button sends its value as the person's message; here title and value are one command.
      expect(a.value).toBe(a.title);
      return a.value;
    });

const TEXTS = {
  de: {
    done: 'Sie haben alle Fragen beantwortet.',
    overall: (m: string) => `Gesamtauswertung ${m}`,
    own: (m: string) => `Ihre eigene Einschätzung – ${m}`,
    divergence: 'von „Vollständig umgesetzt“ bis „Geplant“',
    buttons: ['Status', 'Antwort ändern', 'Ergebnis'],
    close: 'Runde abschließen',
    elsewhere: 'im Dashboard oder im Teams-Chat',
    workshop: 'Für den Workshop',
    leadNote: 'bereitet Ihre Kommunalleitung vor',
  },
  en: {
    done: 'You have answered all questions.',
    overall: (m: string) => `Overall result ${m}`,
    own: (m: string) => `Your own assessment – ${m}`,
    divergence: 'from “Fully in place” to “Planned”',
    buttons: ['Status', 'Change answer', 'Result'],
    close: 'Complete round',
    elsewhere: 'in the dashboard or in the Teams chat',
    workshop: 'For the workshop',
    leadNote: "municipality's lead prepares",
  },
} as const;

const CASES = [
  { shape: teamsPersonal, channel: 'Teams', locale: 'de', municipality: 'Potsdam' },
  { shape: teamsPersonal, channel: 'Teams', locale: 'en', municipality: 'Kiel' },
  { shape: webchat, channel: 'web chat', locale: 'de', municipality: 'Erlangen' },
  { shape: webchat, channel: 'web chat', locale: 'en', municipality: 'Aachen' },
] as const;

describe(`after the overall summary: next steps and divergences with question texts (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const { say, submit, onboard } = conversationHarness();

  /** Answers every question with one value through the compact forms; returns the replies of the last form. */
  async function answerEverything(shape: Shape, p: Participant, value: string): Promise<ReplyActivity[]> {
    let replies = await say(shape, p, 'formular');
    for (let i = 0; i < 30; i++) {
      const form = formOf(replies);
      if (form === undefined) return replies;
      const data = form.actions!.find((a) => a.data['verb'] === 'form')!.data;
      replies = await submit(shape, p, { ...data, ...Object.fromEntries(inputsOf(form).map((id) => [id, value])) });
    }
    throw new Error('the forms never ended');
  }

  it.each(CASES)(
    '$channel, $locale: a respondent and the lead of $municipality finish; "weiter" offers next steps, the lead also the workshop',
    async ({ shape, locale, municipality }) => {
      const t = TEXTS[locale];
      const respondent = newParticipant();
      const lead = newParticipant();
      // Onboarding is scripted in German (harness); English is chosen right after and stored per person.
      await onboard(shape, respondent, municipality, 'Verwaltungsspitze');
      await onboard(shape, lead, municipality, 'Mitarbeiter*in Integrationsstelle', { lead: true });
      if (locale === 'en') {
        await say(shape, respondent, 'english');
        await say(shape, lead, 'english');
      }

      // The respondent (the function "Verwaltungsspitze" grants nothing) finishes first: their own summary.
      const ownSummary = allText(await answerEverything(shape, respondent, 'full'));
      expect(ownSummary).toContain(t.done);
      expect(ownSummary).toContain(t.own(municipality));

      // The lead finishes with "planned" everywhere (two scale steps apart): the consolidated summary, every question divergent.
      const leadSummary = allText(await answerEverything(shape, lead, 'planned'));
      expect(leadSummary).toContain(t.overall(municipality));
      const ms01 = shortenAtWord(findQuestion(q, 'MS-01')!.text[locale], 80);
      expect(leadSummary).toContain(`MS-01 – ${ms01}: ${t.divergence}`);
      expect(leadSummary).toMatch(locale === 'de' ? /… und \d+ weitere/ : /… and \d+ more/);

      // "weiter" after completion: the short "all answered" with next steps, not the summary again — every time.
      for (const word of ['weiter', locale === 'de' ? 'start' : 'continue']) {
        const again = await say(shape, respondent, word);
        const text = allText(again);
        expect(text).toContain(t.done);
        expect(text).not.toContain(t.own(municipality));
        expect(cardsOf(again)).toHaveLength(0);
        expect(text).toContain(t.leadNote);
        expect(text).not.toContain(t.workshop);
        expect(text).not.toMatch(/export|abschließen|complete round/i);
        expect(suggestionsOf(again)).toEqual(t.buttons);
      }

      const leadNext = await say(shape, lead, 'weiter');
      const leadText = allText(leadNext);
      expect(leadText).toContain(t.done);
      expect(leadText).not.toContain(t.overall(municipality));
      expect(leadText).toContain(t.workshop);
      expect(leadText).toContain(`export ${municipality} pdf`);
      expect(leadText).toContain('/api/exports/questionnaire/MS.pdf');
      const buttons = suggestionsOf(leadNext);
      expect(buttons.slice(0, 3)).toEqual(t.buttons);
      expect(buttons).toContain(t.close);
      if (shape === teamsPersonal) {
        expect(buttons).toContain(`Export ${municipality} PDF`);
        // The button is the Teams export command: a click gives the lead a download link.
        expect(allText(await say(shape, lead, `Export ${municipality} PDF`))).toContain('/download/#');
      } else {
        // The web chat has no export command: it says where the report is instead of offering a dead button.
        expect(leadText).toContain(t.elsewhere);
        expect(buttons.some((b) => /export/i.test(b))).toBe(false);
      }

      // The buttons are commands: status and the full summary stay available.
      expect(allText(await say(shape, lead, t.buttons[0]))).toMatch(/Kolleg|colleague/i);
      const result = allText(await say(shape, lead, t.buttons[2]));
      expect(result).toContain(t.overall(municipality));
      expect(result).toContain(`MS-01 – ${ms01}`);
    },
  );

  it('the summary card\'s "Weiter" button leads to the next steps too; "ergebnis" still shows the summary', async () => {
    const p = newParticipant();
    await onboard(webchat, p, 'Iserlohn', 'Verwaltungsspitze');
    const summary = await answerEverything(webchat, p, 'partial');
    const overall = cardsOf(summary).find((c) => JSON.stringify(c).includes('Ihre eigene Einschätzung'));
    const continueAction = overall?.actions?.find((a) => a.data['verb'] === 'continue');
    expect(continueAction).toBeDefined();
    const next = await submit(webchat, p, continueAction!.data);
    expect(allText(next)).toContain(TEXTS.de.done);
    expect(cardsOf(next)).toHaveLength(0);
    // "ergebnis" still shows the whole summary.
    expect(allText(await say(webchat, p, 'ergebnis'))).toContain('Ihre eigene Einschätzung – Iserlohn');
  });
});
