/**
 * What a coordinator's or lead's command comes to, as data. The bot layer turns each result into a message
 * (src/bot/replies/coordinatorReplies.ts); nothing here is text a user reads, apart from names and ids.
 */
import type { ComparisonResult, RoundChange } from '../domain/selbstcheck';
import type { DeliveryCount, DeliveryProblem, StalledRespondent } from '../domain/ports';
import type { ExportLinkResult } from './exportLinks';

/** A subscription's scope: every municipality, or one by its name (its id when the name is unknown). */
export type ScopeLabel = { readonly kind: 'all' } | { readonly kind: 'municipality'; readonly name: string };

export type GrantedRole = { readonly role: 'coordinator' } | { readonly role: 'lead'; readonly municipality: string };

export interface StalledOfMunicipality {
  readonly name: string;
  readonly stalled: readonly StalledRespondent[];
}

export type CoordinatorResult =
  | { readonly kind: 'help' }
  /** One plain refusal for every missing right, so it reveals nothing about the target. */
  | { readonly kind: 'denied' }
  | { readonly kind: 'personalOnly' }
  | { readonly kind: 'channelOnly' }
  | { readonly kind: 'remindersNeedAuth' }
  | { readonly kind: 'subscribeNeedsAuth' }
  | { readonly kind: 'reminders'; readonly enabled: boolean }
  | { readonly kind: 'requeued'; readonly count: number }
  | { readonly kind: 'unknownMunicipality'; readonly name: string; readonly candidates: readonly string[] }
  | { readonly kind: 'ambiguousMunicipality'; readonly name: string; readonly candidates: readonly string[] }
  /** The demo municipality was named: it is never compared, subscribed, closed, exported, reminded or led. */
  | { readonly kind: 'demoMunicipality'; readonly municipality: string }
  | {
      readonly kind: 'roles';
      readonly entries: readonly { readonly who: string; readonly role: GrantedRole }[];
      readonly bootstrapCount: number;
    }
  | { readonly kind: 'personUnknown' }
  | {
      readonly kind: 'roleChanged';
      readonly change: 'granted' | 'revoked' | 'revokeNothing';
      readonly role: GrantedRole;
      readonly who: string;
    }
  | { readonly kind: 'subscribed'; readonly scope: ScopeLabel }
  | { readonly kind: 'unsubscribed'; readonly count: number }
  /** `stale`: null while the subscription works, else why it broke. */
  | {
      readonly kind: 'subscriptions';
      readonly entries: readonly { readonly scope: ScopeLabel; readonly stale: string | null }[];
    }
  | {
      readonly kind: 'deliveries';
      readonly counts: readonly DeliveryCount[];
      readonly problems: readonly (DeliveryProblem & { readonly municipalityName: string })[];
    }
  | { readonly kind: 'noResults'; readonly municipality: string }
  | {
      readonly kind: 'comparison';
      readonly municipality: string;
      readonly comparison: ComparisonResult;
      /** Undefined when there is no earlier round. */
      readonly change?: { readonly previousRound: number; readonly change: RoundChange };
      readonly dashboardUrl?: string;
    }
  /** `showEmpty`: a municipality without stalled respondents is mentioned (one was asked for, or there is only one). */
  | {
      readonly kind: 'stalled';
      readonly days: number;
      readonly showEmpty: boolean;
      readonly municipalities: readonly StalledOfMunicipality[];
    }
  | { readonly kind: 'markComplete'; readonly municipality: string; readonly done: boolean }
  | { readonly kind: 'exportUnavailable' }
  | { readonly kind: 'export'; readonly link: ExportLinkResult };
