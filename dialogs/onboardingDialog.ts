/**
 * First contact: what the self-check is, the privacy notice and consent, then municipality and role.
 * Each answer is stored as soon as it is given, and steps already done (known respondent) are skipped,
 * so onboarding interrupted halfway continues where it stopped.
 */
import {
  ChoicePrompt,
  ComponentDialog,
  ListStyle,
  WaterfallDialog,
  type Choice,
  type DialogTurnResult,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { ROLES, roleLabel, type Role } from '../src/domain/selbstcheck';
import type { Municipality, Respondent } from '../src/domain/ports';
import { DIALOG_IDS } from './dialogIds';
import { sendText } from './send';
import { sessionOf, type DialogDeps, type SelfCheckSession } from './session';
import { staffText } from '../src/i18n/staff';

export interface OnboardingOptions {
  /** The respondent row is created only once consent is given. */
  readonly identityKey: string;
}

/** Undefined when the respondent declined consent. */
export type OnboardingResult = SelfCheckSession | undefined;

type Step = WaterfallStepContext<OnboardingOptions>;

const CONSENT_YES = 0;

export class OnboardingDialog extends ComponentDialog<OnboardingOptions> {
  constructor(private readonly deps: DialogDeps) {
    super(DIALOG_IDS.onboarding);
    // German first: choices are recognised in the respondent's language, with English as default culture.
    this.addDialog(new ChoicePrompt(DIALOG_IDS.consentPrompt, undefined, 'de-de'));
    this.addDialog(new ChoicePrompt(DIALOG_IDS.municipalityPrompt, undefined, 'de-de'));
    this.addDialog(new ChoicePrompt(DIALOG_IDS.rolePrompt, undefined, 'de-de'));
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

  private async respondentId(step: Step): Promise<string> {
    return (await this.respondent(step)).id;
  }

  private async consentStep(step: Step): Promise<DialogTurnResult> {
    const locale = await this.deps.localeOf(step.context);
    const respondent = await this.deps.service.findRespondentByIdentity(step.options.identityKey);
    if (respondent !== undefined && respondent.consentedAt !== null) return step.next(true);
    await sendText(
      step.context,
      `${staffText(locale, 'onboarding.intro')}\n\n${staffText(locale, 'onboarding.privacy')}`,
    );
    return step.prompt(DIALOG_IDS.consentPrompt, {
      prompt: staffText(locale, 'onboarding.consentPrompt'),
      retryPrompt: staffText(locale, 'onboarding.retry'),
      choices: [
        { value: staffText(locale, 'onboarding.consentYes'), synonyms: ['ja', 'yes', 'einverstanden', 'ok', 'agree'] },
        { value: staffText(locale, 'onboarding.consentNo'), synonyms: ['nein', 'no'] },
      ],
      style: ListStyle.heroCard,
    });
  }

  private async municipalityStep(step: Step): Promise<DialogTurnResult> {
    const locale = await this.deps.localeOf(step.context);
    const consent: unknown = step.result;
    const agreed = consent === true || (isFoundChoice(consent) && consent.index === CONSENT_YES);
    if (!agreed) {
      await sendText(step.context, staffText(locale, 'onboarding.declined'));
      return step.endDialog(undefined);
    }
    const respondent =
      consent === true
        ? await this.respondent(step)
        : await this.deps.service.updateRespondent(await this.respondentId(step), { consentedAt: new Date(), locale });
    if (respondent.municipalityId !== null) return step.next(respondent.municipalityId);
    const municipalities = await this.deps.service.listMunicipalities();
    return step.prompt(DIALOG_IDS.municipalityPrompt, {
      prompt: staffText(locale, 'onboarding.municipalityPrompt'),
      retryPrompt: staffText(locale, 'onboarding.retry'),
      choices: municipalities.map(toChoice),
      // Teams renders at most 6 hero-card buttons; a numbered list works in every channel (number or name).
      style: ListStyle.list,
    });
  }

  private async roleStep(step: Step): Promise<DialogTurnResult> {
    const locale = await this.deps.localeOf(step.context);
    const chosen: unknown = step.result;
    if (isFoundChoice(chosen)) {
      const municipalities = await this.deps.service.listMunicipalities();
      const municipality = municipalities[chosen.index];
      if (municipality === undefined) return step.replaceDialog(DIALOG_IDS.onboardingSteps, step.options);
      await this.deps.service.joinMunicipality(await this.respondentId(step), municipality.id, 'legacy');
    }
    const respondent = await this.respondent(step);
    if (respondent.role !== null) return step.next(respondent.role);
    return step.prompt(DIALOG_IDS.rolePrompt, {
      prompt: staffText(locale, 'onboarding.rolePrompt'),
      retryPrompt: staffText(locale, 'onboarding.retry'),
      choices: ROLES.map((role) => ({
        value: roleLabel(role, locale),
        synonyms: [roleLabel(role, locale === 'de' ? 'en' : 'de')],
      })),
      style: ListStyle.heroCard,
    });
  }

  private async finishStep(step: Step): Promise<DialogTurnResult> {
    const locale = await this.deps.localeOf(step.context);
    const chosen: unknown = step.result;
    const role: Role | undefined = isFoundChoice(chosen) ? ROLES[chosen.index] : undefined;
    const respondent =
      role === undefined
        ? await this.respondent(step)
        : await this.deps.service.updateRespondent(await this.respondentId(step), { role });
    if (respondent.municipalityId === null || respondent.role === null) {
      return step.replaceDialog(DIALOG_IDS.onboardingSteps, step.options);
    }
    const [assessment, municipality] = await Promise.all([
      this.deps.service.startOrJoinAssessment(respondent.municipalityId),
      this.deps.service.findMunicipality(respondent.municipalityId),
    ]);
    if (role !== undefined) {
      await sendText(
        step.context,
        staffText(locale, 'onboarding.done', {
          municipality: municipality?.name ?? respondent.municipalityId,
          role: roleLabel(respondent.role, locale),
        }),
      );
    }
    const result: OnboardingResult = sessionOf(respondent.id, assessment);
    return step.endDialog(result);
  }
}

function toChoice(m: Municipality): Choice {
  const short = m.name.replace(/^(Landkreis|Kreis)\s+/u, '');
  return { value: m.name, synonyms: short !== m.name ? [short, m.id] : [m.id] };
}

function isFoundChoice(value: unknown): value is FoundChoice {
  return typeof value === 'object' && value !== null && typeof (value as { index?: unknown }).index === 'number';
}
