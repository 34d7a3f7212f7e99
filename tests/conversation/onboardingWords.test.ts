/**
 * Onboarding as a new colleague types it, through the real HTTP entry in Teams and web chat shape, in German
 * and English: the function in one's own words, `hilfe`/`status`/`pause` at every prompt (answered, then the
 * question again), buttons with a hint after two misses, a function fitting several roles, and a dialog stack
 * saved by the previous release (`onboarding.v2`).
 */
import { message, newParticipant, teamsPersonal, webchat, type Participant } from '../support/activities';
import { inviteCode } from '../support/membership';
import type { ReplyActivity } from '../support/service';
import { usingPostgres } from '../support/testDatabase';
import { ROLE_LABELS, type Locale, type Role } from '../../src/domain/selbstcheck';
import { staffText, type StaffTextKey } from '../../src/i18n/staff';
import { allText, conversationHarness, questionIdOf } from './harness';

type Shape = typeof webchat;
const SHAPES: readonly [string, Shape][] = [
  ['Teams', teamsPersonal],
  ['web chat', webchat],
];
const CASES = SHAPES.flatMap(([name, shape]) => (['de', 'en'] as const).map((l) => [name, l, shape] as const));

interface HeroCard {
  text?: string;
  buttons?: { type: string; title: string; value: string }[];
}
const heroCards = (replies: readonly ReplyActivity[]): HeroCard[] =>
  replies.flatMap((r) =>
    (r.attachments ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.hero')
      .map((a) => a.content as HeroCard),
  );
const buttonsOf = (replies: readonly ReplyActivity[]) =>
  heroCards(replies).flatMap((c) => (c.buttons ?? []).map((b) => b.title));

describe(`onboarding in one's own words (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const { svc, prisma } = conversationHarness();
  const person = (locale: Locale) => newParticipant({ locale: locale === 'en' ? 'en-US' : 'de-DE' });
  const keyOf = (shape: Shape, p: Participant) =>
    shape === teamsPersonal ? `aad:tenant-1:${p.aadObjectId ?? p.userId}` : `webchat:${p.userId}`;
  const respondentOf = (shape: Shape, p: Participant) =>
    prisma().respondent.findUnique({ where: { identityKey: keyOf(shape, p) } });
  const say = (shape: Shape, p: Participant, text: string) => svc().replies(message(shape, p, text));
  const t = (locale: Locale, key: StaffTextKey, params: Record<string, string> = {}) => staffText(locale, key, params);
  const yes = (l: Locale) => (l === 'de' ? 'ja' : 'yes');

  /** Consent and an invitation code: the replies end at the function prompt. */
  async function toRolePrompt(shape: Shape, p: Participant, l: Locale, municipality: string): Promise<void> {
    await say(shape, p, 'start');
    await say(shape, p, yes(l));
    const roles = allText(await say(shape, p, await inviteCode(prisma(), municipality)));
    expect(roles).toContain(t(l, 'onboarding.rolePrompt'));
  }

  it.each(CASES)('%s (%s): takes the function in own words and stores its role', async (_n, l, shape) => {
    const p = person(l);
    await toRolePrompt(shape, p, l, 'Potsdam');
    const started = await say(shape, p, l === 'de' ? 'Integrationsbeauftragte*r' : 'integration officer');
    const role = ROLE_LABELS.integration_officer[l];
    expect(allText(started)).toContain(t(l, 'onboarding.done', { municipality: 'Potsdam', role }));
    expect(questionIdOf(started)).toBe('MS-01');
    expect(await respondentOf(shape, p)).toMatchObject({ municipalityId: 'potsdam', role: 'integration_officer' });
  });

  it.each<[string, Role]>([
    ['Integrationsbeauftragte', 'integration_officer'],
    ['Integrationsbeauftragter', 'integration_officer'],
    ['Integrationsbeauftrage', 'integration_officer'],
    ['Bürgermeisterin', 'mayor'],
    ['Beirat', 'advisory_council'],
    ['Fachbereichsleitung', 'department_head'],
    ['Mitarbeiterin Integrationsstelle', 'integration_staff'],
  ])('web chat: "%s" is stored as %s', async (words, role) => {
    const p = person('de');
    await toRolePrompt(webchat, p, 'de', 'Kiel');
    expect(questionIdOf(await say(webchat, p, words))).toBe('MS-01');
    expect((await respondentOf(webchat, p))?.role).toBe(role);
  });

  it.each(CASES)(
    '%s (%s): help, status and pause are answered at every prompt, then it asks again',
    async (_n, l, shape) => {
      const p = person(l);
      const commands: [string, StaffTextKey][] = [
        [l === 'de' ? 'hilfe' : 'help', 'help.selfcheck'],
        ['status', 'onboardingWords.status'],
        ['pause', 'onboardingWords.pause'],
        [l === 'de' ? 'weiter' : 'continue', 'onboardingWords.start'],
        [l === 'de' ? 'ergebnis' : 'result', 'onboardingWords.notYet'],
      ];
      const atEachPrompt = async (prompt: string) => {
        for (const [text, answer] of commands) {
          const replies = allText(await say(shape, p, text));
          expect(replies).toContain(t(l, answer));
          expect(replies).toContain(prompt);
          expect(replies).not.toContain(t(l, 'onboarding.retry'));
        }
      };
      expect(allText(await say(shape, p, 'start'))).toContain(t(l, 'onboarding.consentPrompt'));
      await atEachPrompt(t(l, 'onboarding.consentPrompt'));
      // Nothing is stored before consent, whatever was typed.
      expect(await respondentOf(shape, p)).toBeNull();
      expect(allText(await say(shape, p, yes(l)))).toContain(t(l, 'membership.whichMunicipality'));
      await atEachPrompt(t(l, 'membership.whichMunicipality'));
      expect(allText(await say(shape, p, await inviteCode(prisma(), 'Bochum')))).toContain(
        t(l, 'onboarding.rolePrompt'),
      );
      await atEachPrompt(t(l, 'onboarding.rolePrompt'));
      expect(await respondentOf(shape, p)).toMatchObject({ municipalityId: 'bochum', role: null });
      // The language switch still works there, and asks the question in the new language.
      const other: Locale = l === 'de' ? 'en' : 'de';
      const switched = await say(shape, p, other === 'en' ? 'english' : 'deutsch');
      expect(allText(switched)).toContain(t(other, 'onboarding.rolePrompt'));
      expect(buttonsOf(switched)).toContain(ROLE_LABELS.mayor[other]);
      expect(questionIdOf(await say(shape, p, '1'))).toBe('MS-01');
      expect((await respondentOf(shape, p))?.role).toBe('mayor');
    },
  );

  it.each(CASES)('%s (%s): after two misses, the choices as buttons with a hint', async (_n, l, shape) => {
    const p = person(l);
    await say(shape, p, 'start');
    expect(allText(await say(shape, p, 'vielleicht'))).toContain(t(l, 'onboarding.retry'));
    const consent = await say(shape, p, 'hmm');
    expect(allText(consent)).toContain(t(l, 'onboardingWords.hintConsent'));
    expect(buttonsOf(consent)).toEqual([t(l, 'onboarding.consentYes'), t(l, 'onboarding.consentNo')]);

    await say(shape, p, yes(l));
    expect(allText(await say(shape, p, 'xyz'))).toContain(t(l, 'membership.retry'));
    const municipality = await say(shape, p, 'xyz');
    expect(allText(municipality)).toContain(t(l, 'onboardingWords.hintMunicipality'));
    expect(buttonsOf(municipality)).toEqual(['Musterstadt (Demo)']);

    await say(shape, p, await inviteCode(prisma(), 'Aachen'));
    const first = await say(shape, p, 'Kaffee');
    expect(allText(first)).toContain(t(l, 'onboarding.retry'));
    expect(allText(first)).not.toContain(t(l, 'onboardingWords.hintRole'));
    for (let miss = 2; miss <= 3; miss++) {
      const again = await say(shape, p, 'Kaffee');
      expect(allText(again)).toContain(t(l, 'onboardingWords.hintRole'));
      expect(buttonsOf(again)).toEqual(Object.values(ROLE_LABELS).map((label) => label[l]));
    }
    // A tap on a button sends its label.
    expect(questionIdOf(await say(shape, p, ROLE_LABELS.integration_staff[l]))).toBe('MS-01');
    expect((await respondentOf(shape, p))?.role).toBe('integration_staff');
  });

  it.each(CASES)('%s (%s): does not guess a function that fits several roles', async (_n, l, shape) => {
    const p = person(l);
    await toRolePrompt(shape, p, l, 'Konstanz');
    const asked = await say(shape, p, 'Integration');
    const candidates: Role[] = ['department_head', 'integration_officer', 'integration_staff', 'advisory_council'];
    const labels = candidates.map((r) => ROLE_LABELS[r][l]);
    const listed = `${labels.slice(0, 3).join(', ')} ${t(l, 'onboardingWords.or')} ${labels[3] ?? ''}`;
    expect(allText(asked)).toContain(t(l, 'onboardingWords.roleAmbiguous', { roles: listed }));
    expect(buttonsOf(asked)).toEqual(labels);
    expect((await respondentOf(shape, p))?.role).toBeNull();
    expect(questionIdOf(await say(shape, p, ROLE_LABELS.advisory_council[l]))).toBe('MS-01');
    expect((await respondentOf(shape, p))?.role).toBe('advisory_council');
  });

  it.each(SHAPES)('%s: a stack saved at the function prompt by onboarding.v2 resets cleanly', async (_n, shape) => {
    const p = person('de');
    await toRolePrompt(shape, p, 'de', 'Zwickau');
    const key = `${shape === teamsPersonal ? 'msteams' : 'webchat'}/conversations/${p.conversationId}`;
    const row = await prisma().botStateItem.findUniqueOrThrow({ where: { key } });
    const saved = JSON.stringify(row.data);
    expect(saved).toContain('"onboarding.v3.role"');
    // What the previous release saved: the same stack under its ids, with plain prompt options.
    const old = JSON.parse(
      saved.replaceAll('onboarding.v3', 'onboarding.v2').replace(/,"validations":\{[^}]*\}/gu, ''),
    ) as object;
    await prisma().botStateItem.update({ where: { key }, data: { data: old } });
    const resumed = await say(shape, p, 'Integrationsbeauftragte');
    // The stack is dropped: onboarding v3 skips consent and municipality (stored) and asks for the function.
    expect(allText(resumed)).toContain(staffText('de', 'onboarding.rolePrompt'));
    expect(allText(resumed)).not.toContain('Datenschutz');
    expect(await respondentOf(shape, p)).toMatchObject({ municipalityId: 'zwickau', role: null });
    expect(questionIdOf(await say(shape, p, 'Integrationsbeauftragte'))).toBe('MS-01');
    expect((await respondentOf(shape, p))?.role).toBe('integration_officer');
    const now = JSON.stringify((await prisma().botStateItem.findUniqueOrThrow({ where: { key } })).data);
    expect(now).not.toContain('onboarding.v2');
  });
});
