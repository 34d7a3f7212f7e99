/**
 * Who belongs to which municipality: the municipalities themselves (managed by coordinators), the
 * Microsoft Entra tenants registered for them, invitation codes, memberships with their pseudonymous
 * numbers, and personal resume codes for the web chat. Codes reach these ports in their canonical text;
 * the implementation stores only hashes of them.
 */
import type { MembershipSource, Municipality, MunicipalityKind, Respondent } from '../model';

export interface NewMunicipality {
  readonly id: string;
  readonly name: string;
  readonly kind: MunicipalityKind;
  readonly state: string;
  readonly officialKey: string | null;
}

export type MunicipalityPatch = Partial<Pick<NewMunicipality, 'name' | 'kind' | 'state' | 'officialKey'>>;

/** `duplicate`: the id, or the official key, is already taken. */
export type MunicipalityWrite = Municipality | 'duplicate' | 'unknown';

export interface MunicipalityAdmin {
  /** Every municipality, archived ones included, by name. */
  listAll(): Promise<readonly Municipality[]>;
  create(input: NewMunicipality): Promise<MunicipalityWrite>;
  update(id: string, patch: MunicipalityPatch): Promise<MunicipalityWrite>;
  /** Archives (at a time) or restores (null) a municipality. */
  setArchived(id: string, at: Date | null): Promise<MunicipalityWrite>;
}

export interface TenantRegistration {
  readonly municipalityId: string;
  /** Lower-case GUID. */
  readonly tenantId: string;
  readonly createdAt: Date;
}

export interface TenantRegistry {
  /** False when the tenant was already registered for the municipality. */
  register(municipalityId: string, tenantId: string, createdBy: string): Promise<boolean>;
  remove(municipalityId: string, tenantId: string): Promise<boolean>;
  /** All registrations, or those of one municipality. */
  list(municipalityId?: string): Promise<readonly TenantRegistration[]>;
  /** Ids of the non-archived, non-demo municipalities the tenant is registered for. */
  municipalitiesOfTenant(tenantId: string): Promise<readonly string[]>;
}

export type InvitationRole = 'member' | 'lead';

export interface NewInvitation {
  readonly code: string;
  readonly codeStart: string;
  readonly municipalityId: string;
  readonly role: InvitationRole;
  /** Null: as many uses as the code's lifetime allows. */
  readonly maxUses: number | null;
  readonly expiresAt: Date;
  readonly createdBy: string;
}

export interface InvitationInfo {
  readonly id: string;
  readonly municipalityId: string;
  readonly role: InvitationRole;
  readonly codeStart: string;
  readonly maxUses: number | null;
  readonly uses: number;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly createdAt: Date;
}

/** Why a code does not let anyone in; the person is told only that it is not (or no longer) valid. */
export type InvitationProblem = 'unknown' | 'expired' | 'revoked' | 'used_up' | 'archived';

export type InvitationCheck =
  | { readonly ok: true; readonly invitation: InvitationInfo }
  | { readonly ok: false; readonly problem: InvitationProblem };

export interface InvitationRepository {
  create(input: NewInvitation): Promise<InvitationInfo>;
  /** Looks a code up without using it. */
  check(code: string, now: Date): Promise<InvitationCheck>;
  /** Uses the invitation once (atomically: a single-use code lets exactly one person in). */
  use(invitationId: string, now: Date): Promise<InvitationCheck>;
  /** Newest first; expired and revoked ones included for a while so a lead sees what happened. */
  list(municipalityId: string): Promise<readonly InvitationInfo[]>;
  /** Revokes the municipalities' still valid codes that start with `codeStart`; returns the revoked ones. */
  revoke(municipalityIds: readonly string[] | 'all', codeStart: string, now: Date): Promise<readonly InvitationInfo[]>;
}

export interface Member {
  readonly respondentId: string;
  readonly memberNo: number;
  readonly role: Respondent['role'];
  readonly membership: MembershipSource;
  /** Answers given in the municipality's round in progress. */
  readonly answersInCurrentRound: number;
}

export interface MembershipRepository {
  /**
   * Makes the respondent a member of the municipality (verified by `source`), numbering them within it;
   * leaving any other municipality. Joining the municipality one belongs to again changes nothing.
   */
  join(respondentId: string, municipalityId: string, source: MembershipSource): Promise<Respondent>;
  /** Members by number. */
  members(municipalityId: string): Promise<readonly Member[]>;
  /**
   * Ends a membership: the person no longer belongs to the municipality, and their answers in its round
   * still in progress are removed (closed rounds stay as they were). Undefined when there is no such member.
   */
  remove(municipalityId: string, memberNo: number): Promise<{ readonly answersRemoved: number } | undefined>;
}

export interface ResumeCodeRepository {
  /** Replaces the person's resume code (one per person). */
  issue(identityKey: string, code: string): Promise<void>;
  /** The identity the code belongs to. */
  resolve(code: string): Promise<string | undefined>;
}
