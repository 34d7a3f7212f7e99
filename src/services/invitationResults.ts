/**
 * What InvitationService answers to the invitation and member commands, as data; the bot layer words it
 * (src/bot/replies/invitationReplies.ts). Nothing here carries a person's id or name: members appear by
 * their pseudonymous number and function only.
 */
import type { InvitationCommandName } from '../domain/conversation/invitationCommands';
import type { MembershipSource } from '../domain/model';
import type { InvitationRole } from '../domain/ports/membership';
import type { Role } from '../domain/selbstcheck';

export type InvitationState = 'valid' | 'expired' | 'revoked' | 'used_up';

export interface InvitationEntry {
  readonly codeStart: string;
  readonly role: InvitationRole;
  readonly uses: number;
  /** Null: no limit but the expiry. */
  readonly maxUses: number | null;
  readonly expiresAt: Date;
  readonly state: InvitationState;
}

export interface MemberEntry {
  readonly memberNo: number;
  /** The function the person chose; null when they have not chosen one yet. */
  readonly role: Role | null;
  /** How they joined: registered tenant, invitation code, or already there before memberships were verified. */
  readonly joined: MembershipSource;
  readonly answersInCurrentRound: number;
}

export type InvitationResult =
  /** Missing rights, or (for someone without rights anywhere) any municipality name at all. */
  | { readonly kind: 'denied' }
  /** Codes and member lists only in the 1:1 chat (Teams) or the web chat, never in a channel. */
  | { readonly kind: 'personalOnly' }
  | { readonly kind: 'usage'; readonly command: InvitationCommandName; readonly problem?: 'limit' | 'leadLimit' }
  | { readonly kind: 'unknownMunicipality'; readonly name: string; readonly candidates: readonly string[] }
  | { readonly kind: 'ambiguousMunicipality'; readonly name: string; readonly candidates: readonly string[] }
  /** Archived municipalities and the demo take no new members, so they get no codes. */
  | { readonly kind: 'noCodes'; readonly municipality: string; readonly reason: 'archived' | 'demo' }
  | {
      readonly kind: 'created';
      readonly municipality: string;
      readonly role: InvitationRole;
      /** The code in its canonical spelling: shown once, stored only as a hash. */
      readonly code: string;
      readonly maxUses: number | null;
      readonly expiresAt: Date;
      /** `<PUBLIC_BASE_URL>/#code=<code>`: the code in the fragment never reaches a server log. */
      readonly link: string;
    }
  | { readonly kind: 'invitations'; readonly municipality: string; readonly entries: readonly InvitationEntry[] }
  | { readonly kind: 'revoked'; readonly count: number }
  | { readonly kind: 'members'; readonly municipality: string; readonly members: readonly MemberEntry[] }
  | {
      readonly kind: 'memberRemoved';
      readonly municipality: string;
      readonly memberNo: number;
      /** Answers of the round in progress that were removed; closed rounds keep theirs. */
      readonly answersRemoved: number;
    }
  | { readonly kind: 'noSuchMember'; readonly municipality: string; readonly memberNo: number }
  /** A lead may not remove another lead (that would take a role away, which only coordinators do). */
  | { readonly kind: 'leadMember'; readonly municipality: string; readonly memberNo: number };
