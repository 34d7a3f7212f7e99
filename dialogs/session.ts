import type { TurnContext } from 'botbuilder';
import type { AnswerMap, Locale } from '../src/domain/selbstcheck';
import type { SelfCheckService } from '../src/services/selfCheckService';
import type { Municipality, Respondent } from '../src/domain/model';
import type { RoundService } from '../src/services/roundService';
import type { PrivacyNoticeInfo } from '../src/i18n/privacyNotice';

/** What the walk ends with when its round was closed meanwhile: the main dialog then begins again in the current round. */
export const ROUND_CLOSED_MEANWHILE = 'roundClosedMeanwhile';

/** The ids a conversation needs to continue the self-check; everything else is read from the database. */
export interface SelfCheckSession {
  readonly respondentId: string;
  readonly municipalityId: string;
  readonly assessmentId: string;
  readonly questionnaireVersion: number;
}

export function sessionOf(
  respondentId: string,
  assessment: { readonly id: string; readonly municipalityId: string; readonly questionnaireVersion: number },
): SelfCheckSession {
  return {
    respondentId,
    municipalityId: assessment.municipalityId,
    assessmentId: assessment.id,
    questionnaireVersion: assessment.questionnaireVersion,
  };
}

/** What onboarding may offer a person: only municipalities they are verified for, and the open demo. */
export interface MembershipChoices {
  /** Municipalities of the person's registered Teams tenant (never for guests or unverified turns). */
  readonly tenant: readonly Municipality[];
  /** The demo municipality, open to everyone; undefined when none is configured. */
  readonly demo: Municipality | undefined;
}

export type PendingRedemption =
  | { readonly kind: 'joined'; readonly municipality: Municipality; readonly lead: boolean }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'none' };

/** Membership as onboarding needs it; implemented by the bot (src/bot/membershipGate.ts). */
export interface OnboardingMembership {
  choices(context: TurnContext): Promise<MembershipChoices>;
  /** Binds an invitation code given in this conversation before consent to the now consented respondent. */
  redeemPending(context: TurnContext, respondent: Respondent): Promise<PendingRedemption>;
  /** A real municipality named by someone without proof: which one (to tell them they need a code). */
  namedMunicipality(text: string): Promise<Municipality | undefined>;
  /** After consent in the web chat: a personal resume code to show, if this channel uses them. */
  resumeCodeMessage(context: TurnContext, identityKey: string): Promise<string | undefined>;
}

/** What dialogs get from the composition root. */
export interface DialogDeps {
  readonly service: SelfCheckService;
  /** Closing a round and who may see consolidated results (granted roles, never the chosen function). */
  readonly rounds: RoundService;
  /** Who belongs where: the choices onboarding may offer, codes given before consent. */
  readonly membership: OnboardingMembership;
  /** Who is writing (see src/bot/turnIdentity.ts): the identity the turn acts as. */
  identityOf(context: TurnContext): Promise<string>;
  /** The respondent's language: stored preference, else the channel locale. */
  localeOf(context: TurnContext): Promise<Locale>;
  /** Where people's browsers reach this service (PUBLIC_BASE_URL): links to the blank questionnaires for the workshop. */
  readonly publicBaseUrl?: string;
  /** The operator's Art. 13 information, shown with the consent (config.privacy.notice). */
  readonly privacyNotice: PrivacyNoticeInfo;
  /** The session's stored answers when they were read together with this turn's state (one use per turn). */
  readonly prefetchedAnswers?: (
    context: TurnContext,
    assessmentId: string,
    respondentId: string,
  ) => AnswerMap | undefined;
}
