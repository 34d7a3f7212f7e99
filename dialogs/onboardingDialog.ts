/**
 * First contact: what the self-check is, the privacy notice and consent, then the municipality and the
 * person's function. The municipality is never simply claimed: it is one the person is verified for (a
 * registered Teams tenant, an invitation code typed or pasted at any time) or the open demo. Each answer
 * is stored as soon as it is given, and steps already done are skipped, so onboarding interrupted halfway
 * continues where it stopped.
 */
import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  ListStyle,
  WaterfallDialog,
  type Choice,
  type DialogContext,
  type DialogTurnResult,
  type FoundChoice,
  type PromptOptions,
  type PromptRecognizerResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { ROLES, roleLabel, type Locale, type Role } from '../src/domain/selbstcheck';
import type { Municipality, Respondent } from '../src/domain/ports';
import { DIALOG_IDS } from './dialogIds';
import { sendText } from './send';
import { sessionOf, type DialogDeps, type MembershipChoices, type SelfCheckSession } from './session';
import { staffText } from '../src/i18n/staff';
import { consentNotice, type NoticeChannel } from '../src/i18n/privacyNotice';
import { OnboardingPrompt, type PromptMemo } from './onboardingPrompt';

export interface OnboardingOptions {
  /** The respondent row is created only once consent is given. */
  readonly identityKey: string;
}

/** Undefined when the respondent declined consent. */
export type OnboardingResult = SelfCheckSession | undefined;

type Step = WaterfallStepContext<OnboardingOptions>;

const CONSENT_YES = 0;
/** step.values key: the ids of the municipalities the prompt offered, in the order of its choices. */
const OFFERED = 'offeredMunicipalities';

/** The offered municipalities, in the order of the prompt's choices. */
function offered(choices: MembershipChoices): readonly Municipality[] {
  return choices.demo === undefined ? choices.tenant : [...choices.tenant, choices.demo];
}

const isMember = (r: Respondent | undefined): r is Respondent & { municipalityId: string } =>
  r !== undefined && r.municipalityId !== null && r.membership !== null;

export class OnboardingDialog extends ComponentDialog<OnboardingOptions> {
  constructor(private readonly deps: DialogDeps) {
    super(DIALOG_IDS.onboarding);
    // Each prompt renders its texts from a memo (the language and what they need), so a language switch asks
    // the same question again in the new language.
    const localeOf = (context: TurnContext) => deps.localeOf(context);
    this.addDialog(new OnboardingPrompt(DIALOG_IDS.consentPrompt, 'consent', { localeOf, render: consentOptions }));
    this.addDialog(
      new OnboardingPrompt(DIALOG_IDS.municipalityPrompt, 'municipality', {
        localeOf,
        render: municipalityOptions,
        accept: (context, recognized) => this.acceptMunicipality(context, recognized),
      }),
    );
    this.addDialog(new OnboardingPrompt(DIALOG_IDS.rolePrompt, 'role', { localeOf, render: roleOptions }));
    this.addDialog(
      new WaterfallDialog<OnboardingOptions>(DIALOG_IDS.onboardingSteps, [
        (step) => this.consentStep(step),
        (step) => this.municipalityStep(step),
        (step) => this.roleStep(step),
        (step) => this.finishStep(step),
      ]),
    );
    this.initialDialogId = DIALOG_IDS.onboardingSteps;
  }

  /** The respondent after consent (created at the consent step; one SELECT afterwards). */
  private async respondent(step: Step): Promise<Respondent> {
    const locale = await this.deps.localeOf(step.context);
    return this.deps.service.registerRespondent(step.options.identityKey, locale);
  }

  private async consentStep(step: Step): Promise<DialogTurnResult> {
    const locale = await this.deps.localeOf(step.context);
    const respondent = await this.deps.service.findRespondentByIdentity(step.options.identityKey);
    if (respondent !== undefined && respondent.consentedAt !== null) return step.next(true);
    // The Art. 13 information comes with the consent it is the basis of; unconfigured parts are left out.
    const notice = consentNotice(locale, this.deps.privacyNotice, noticeChannelOf(step.context.activity.channelId));
    await sendText(
      step.context,
      `${staffText(locale, 'onboarding.intro')}\n\n${staffText(locale, 'onboarding.privacy')}\n\n${notice}`,
    );
    return step.prompt(DIALOG_IDS.consentPrompt, consentOptions(locale, { locale }));
  }

  private async municipalityStep(step: Step): Promise<DialogTurnResult> {
    const locale = await this.deps.localeOf(step.context);
    const consent: unknown = step.result;
    const agreed = consent === true || (isFoundChoice(consent) && consent.index === CONSENT_YES);
    if (!agreed) {
      await sendText(step.context, staffText(locale, 'onboarding.declined'));
      return step.endDialog(undefined);
    }
    let respondent = await this.respondent(step);
    if (respondent.consentedAt === null)
      respondent = await this.deps.service.updateRespondent(respondent.id, { consentedAt: new Date(), locale });
    // A code given before consent is bound now, even if the person already belongs elsewhere: the code is
    // the newer, explicit statement of where they answer.
    const pending = await this.deps.membership.redeemPending(step.context, respondent);
    if (pending.kind === 'joined') {
      await sendText(
        step.context,
        staffText(locale, pending.lead ? 'membership.joinedLead' : 'membership.joined', {
          municipality: pending.municipality.name,
        }),
      );
      return step.next(undefined);
    }
    if (pending.kind === 'invalid') await sendText(step.context, staffText(locale, 'membership.codeInvalid'));
    if (isMember(respondent)) return step.next(undefined);
    const choices = await this.deps.membership.choices(step.context);
    // Exactly one municipality through the registered tenant: the person belongs there, nothing to ask.
    const only = choices.tenant[0];
    if (choices.tenant.length === 1 && only !== undefined) {
      await this.deps.service.joinMunicipality(respondent.id, only.id, 'tenant');
      return step.next(undefined);
    }
    // Kept with the step, so the chosen index is read against exactly what was offered, without asking the
    // tenant registry and the Teams roster a second time.
    (step.values as Record<string, unknown>)[OFFERED] = offered(choices).map((m) => m.id);
    const memo: MunicipalityMemo = {
      locale,
      shared: choices.tenant.length > 1,
      demo: choices.demo !== undefined,
      choices: offered(choices).map(toChoice),
    };
    return step.prompt(DIALOG_IDS.municipalityPrompt, municipalityOptions(locale, memo));
  }

  /**
   * Accepts a listed choice, or any input once the person has become a member meanwhile (an invitation
   * code typed at this prompt is handled before the dialog and hands the turn on). Naming a real
   * municipality without proof gets the answer that a code is needed, and the prompt again.
   */
  private async acceptMunicipality(
    context: TurnContext,
    recognized: PromptRecognizerResult<FoundChoice>,
  ): Promise<boolean> {
    const identityKey = await this.deps.identityOf(context);
    if (isMember(await this.deps.service.findRespondentByIdentity(identityKey))) return true;
    if (recognized.succeeded) return true;
    const text = context.activity.text;
    if (typeof text === 'string' && text.trim() !== '') {
      const named = await this.deps.membership.namedMunicipality(text);
      if (named !== undefined) {
        const locale = await this.deps.localeOf(context);
        await sendText(context, staffText(locale, 'membership.codeNeeded', { municipality: named.name }));
      }
    }
    return false;
  }

  private async roleStep(step: Step): Promise<DialogTurnResult> {
    const locale = await this.deps.localeOf(step.context);
    const chosen: unknown = step.result;
    let respondent = await this.respondent(step);
    if (isFoundChoice(chosen) && !isMember(respondent)) {
      // Only what was offered can be chosen.
      const ids = (step.values as Record<string, unknown>)[OFFERED];
      const id = Array.isArray(ids) ? (ids as unknown[])[chosen.index] : undefined;
      const municipality = typeof id === 'string' ? await this.deps.service.findMunicipality(id) : undefined;
      if (municipality === undefined) return step.replaceDialog(DIALOG_IDS.onboardingSteps, step.options);
      const source = municipality.demo ? 'demo' : 'tenant';
      respondent = await this.deps.service.joinMunicipality(respondent.id, municipality.id, source);
    }
    if (!isMember(respondent)) return step.replaceDialog(DIALOG_IDS.onboardingSteps, step.options);
    if (respondent.role !== null) return step.next(respondent.role);
    return step.prompt(DIALOG_IDS.rolePrompt, roleOptions(locale, { locale }));
  }

  private async finishStep(step: Step): Promise<DialogTurnResult> {
    const locale = await this.deps.localeOf(step.context);
    const chosen: unknown = step.result;
    const role: Role | undefined = isFoundChoice(chosen) ? ROLES[chosen.index] : undefined;
    const before = await this.respondent(step);
    const respondent = role === undefined ? before : await this.deps.service.updateRespondent(before.id, { role });
    if (!isMember(respondent) || respondent.role === null) {
      return step.replaceDialog(DIALOG_IDS.onboardingSteps, step.options);
    }
    const [assessment, municipality] = await Promise.all([
      this.deps.service.startOrJoinAssessment(respondent.municipalityId, respondent),
      this.deps.service.findMunicipality(respondent.municipalityId),
    ]);
    if (role !== undefined) {
      const done = staffText(locale, 'onboarding.done', {
        municipality: municipality?.name ?? respondent.municipalityId,
        role: roleLabel(respondent.role, locale),
      });
      const demo = municipality?.demo === true ? `\n\n${staffText(locale, 'membership.demoNote')}` : '';
      await sendText(step.context, done + demo);
      const resume = await this.deps.membership.resumeCodeMessage(step.context, step.options.identityKey);
      if (resume !== undefined) await sendText(step.context, resume);
    }
    const result: OnboardingResult = sessionOf(respondent.id, assessment);
    return step.endDialog(result);
  }
}

function consentOptions(locale: Locale, memo: PromptMemo): PromptOptions {
  return {
    prompt: staffText(locale, 'onboarding.consentPrompt'),
    retryPrompt: staffText(locale, 'onboarding.retry'),
    choices: [
      { value: staffText(locale, 'onboarding.consentYes'), synonyms: ['ja', 'yes', 'einverstanden', 'ok', 'agree'] },
      { value: staffText(locale, 'onboarding.consentNo'), synonyms: ['nein', 'no'] },
    ],
    style: ListStyle.heroCard,
    validations: { ...memo, locale },
  };
}

interface MunicipalityMemo extends PromptMemo {
  /** Several municipalities of the person's tenant (a municipal IT provider): choose or type the name. */
  readonly shared: boolean;
  readonly demo: boolean;
  readonly choices: readonly Choice[];
}

function municipalityOptions(locale: Locale, memo: PromptMemo): PromptOptions {
  const m = memo as MunicipalityMemo;
  // "Choose or type the name" only when there is something of one's own to choose.
  const intro = [
    staffText(locale, m.shared ? 'onboarding.municipalityPrompt' : 'membership.whichMunicipality'),
    staffText(locale, m.shared ? 'membership.chooseShared' : 'membership.needCode'),
    ...(m.demo ? [staffText(locale, 'membership.tryDemo')] : []),
  ];
  return {
    prompt: intro.join('\n\n'),
    retryPrompt: staffText(locale, 'membership.retry'),
    choices: [...m.choices],
    // Teams renders at most 6 hero-card buttons; a numbered list works in every channel (number or name).
    style: ListStyle.list,
    validations: { ...m, locale },
  };
}

function roleOptions(locale: Locale, memo: PromptMemo): PromptOptions {
  return {
    prompt: staffText(locale, 'onboarding.rolePrompt'),
    retryPrompt: staffText(locale, 'onboarding.retry'),
    choices: ROLES.map((role) => ({
      value: roleLabel(role, locale),
      synonyms: [roleLabel(role, locale === 'de' ? 'en' : 'de')],
    })),
    style: ListStyle.heroCard,
    validations: { ...memo, locale },
  };
}

/** Whether the conversation is at an onboarding question (help then asks it again below the overview). */
export function inOnboarding(dc: DialogContext): boolean {
  for (let c: DialogContext | undefined = dc; c !== undefined; c = c.child)
    if (c.activeDialog?.id === DIALOG_IDS.onboarding) return true;
  return false;
}

function toChoice(m: Municipality): Choice {
  const short = m.name.replace(/^(Landkreis|Kreis)\s+/u, '').replace(/\s*\(Demo\)$/u, '');
  const synonyms = short !== m.name ? [short, m.id] : [m.id];
  return { value: m.name, synonyms: m.demo ? [...synonyms, 'demo'] : synonyms };
}

/** Which identifier the notice names: Teams ids, or the web chat browser's random id (self-hosted Direct Line). */
function noticeChannelOf(channelId: string): NoticeChannel {
  if (channelId === 'msteams') return 'teams';
  return channelId === 'directline' || channelId === 'webchat' ? 'webchat' : 'other';
}

function isFoundChoice(value: unknown): value is FoundChoice {
  return typeof value === 'object' && value !== null && typeof (value as { index?: unknown }).index === 'number';
}
