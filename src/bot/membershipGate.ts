/**
 * Who may join which municipality, as onboarding and the code command see it. Teams users of a registered
 * tenant belong to its municipalities, but only on a turn whose channel token was verified and never as
 * guests (the member's `userRole` from the Teams roster; if the roster cannot be asked, no tenant
 * membership). Everyone else needs an invitation code, which may come before consent: it is then kept in
 * the conversation (server-side state, never the code itself) and bound when the person consents.
 */
import { TeamsInfo, type BotState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { Code } from '../domain/membership/codes';
import type { Municipality, Respondent } from '../domain/model';
import type { MunicipalityRepository, TenantRegistry } from '../domain/ports';
import { matchMunicipality } from '../domain/conversation/coordinatorCommands';
import type { MembershipChoices, OnboardingMembership, PendingRedemption } from '../../dialogs/session';
import type { StaffLocale } from '../i18n/staff';
import { conversationKind, tenantIdOf } from './teamsActivity';

export interface CodeAttempt {
  readonly identityKey: string;
  readonly conversationId: string;
}

/** Invitation codes (src/services/invitationService.ts). */
export interface InvitationCodes {
  checkCode(
    code: Code,
    attempt: CodeAttempt,
  ): Promise<
    | {
        readonly kind: 'valid';
        readonly invitation: { readonly id: string; readonly municipalityId: string; readonly role: 'member' | 'lead' };
        readonly municipality: Municipality;
      }
    | { readonly kind: 'invalid' }
    | { readonly kind: 'rateLimited'; readonly retryAfterMs: number }
  >;
  redeem(
    invitationId: string,
    respondent: { readonly id: string; readonly identityKey: string },
  ): Promise<
    | { readonly kind: 'joined'; readonly municipality: Municipality; readonly lead: boolean }
    | { readonly kind: 'invalid' }
  >;
}

/** Personal resume codes of the web chat (src/services/resumeCodeService.ts). */
export interface ResumeCodes {
  issue(identityKey: string): Promise<string>;
  resolve(
    code: Code,
    attempt: CodeAttempt,
  ): Promise<
    | { readonly kind: 'valid'; readonly identityKey: string }
    | { readonly kind: 'invalid' }
    | { readonly kind: 'rateLimited'; readonly retryAfterMs: number }
  >;
}

/** An invitation verified in this conversation before the person consented. */
interface PendingInvitation {
  invitationId?: string;
}

export interface MembershipGateDeps {
  readonly conversationState: BotState;
  readonly municipalities: Pick<MunicipalityRepository, 'list'>;
  readonly tenants: Pick<TenantRegistry, 'municipalitiesOfTenant'>;
  readonly invitations: InvitationCodes;
  readonly resumeCodes?: ResumeCodes;
  /** The text that hands a freshly issued resume code to the person (bot replies of the identity topic). */
  readonly resumeCodeText?: (locale: StaffLocale, code: string) => string;
  readonly localeOf: (context: TurnContext) => Promise<StaffLocale>;
  readonly isChannelAuthenticated: (context: TurnContext) => boolean;
  /** The Teams roster's role of the sender ('user', 'guest', …); injectable for tests. */
  readonly userRoleOf?: (context: TurnContext) => Promise<string | undefined>;
}

async function rosterRole(context: TurnContext): Promise<string | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return member.userRole ?? undefined;
  } catch {
    return undefined;
  }
}

export class MembershipGate implements OnboardingMembership {
  private readonly pending: StatePropertyAccessor<PendingInvitation>;

  constructor(private readonly deps: MembershipGateDeps) {
    this.pending = deps.conversationState.createProperty<PendingInvitation>('pendingInvitation');
  }

  async choices(context: TurnContext): Promise<MembershipChoices> {
    const all = await this.deps.municipalities.list();
    const demo = all.find((m) => m.demo);
    const ids = await this.tenantMunicipalities(context);
    return { tenant: all.filter((m) => !m.demo && ids.includes(m.id)), demo };
  }

  /** Ids of the municipalities the sender's verified tenant is registered for; none for guests. */
  private async tenantMunicipalities(context: TurnContext): Promise<readonly string[]> {
    const a = context.activity;
    if (a.channelId !== 'msteams' || conversationKind(a) === 'webchat') return [];
    if (!this.deps.isChannelAuthenticated(context)) return [];
    const tenantId = tenantIdOf(a);
    if (tenantId === undefined || !a.from?.aadObjectId) return [];
    const ids = await this.deps.tenants.municipalitiesOfTenant(tenantId);
    if (ids.length === 0) return [];
    // Guests of a municipality's tenant are outsiders (contractors, other authorities): they need a code.
    const role = await (this.deps.userRoleOf ?? rosterRole)(context);
    return role === 'user' ? ids : [];
  }

  async namedMunicipality(text: string): Promise<Municipality | undefined> {
    if (text.length > 100) return undefined;
    const real = (await this.deps.municipalities.list()).filter((m) => !m.demo);
    const match = matchMunicipality(text, real);
    return match.kind === 'one' ? match.municipality : undefined;
  }

  async keepPending(context: TurnContext, invitationId: string): Promise<void> {
    await this.pending.set(context, { invitationId });
  }

  async redeemPending(context: TurnContext, respondent: Respondent): Promise<PendingRedemption> {
    const { invitationId } = await this.pending.get(context, {});
    if (invitationId === undefined) return { kind: 'none' };
    await this.pending.delete(context);
    return this.deps.invitations.redeem(invitationId, { id: respondent.id, identityKey: respondent.identityKey });
  }

  async resumeCodeMessage(context: TurnContext, identityKey: string): Promise<string | undefined> {
    const { resumeCodes, resumeCodeText } = this.deps;
    // Teams knows the person on every device; only web chat identities (one per browser) need a code.
    if (resumeCodes === undefined || resumeCodeText === undefined || context.activity.channelId === 'msteams')
      return undefined;
    const code = await resumeCodes.issue(identityKey);
    return resumeCodeText(await this.deps.localeOf(context), code);
  }
}
