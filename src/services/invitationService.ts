/**
 * Invitation codes and members of a municipality. Coordinators and the municipality's leads create, list
 * and revoke member codes; lead codes are for coordinators only. Codes are handed out only in the 1:1 chat
 * (Teams) or the web chat, never in a channel, and stored only as hashes (the repository hashes them).
 * Redeeming a code (the onboarding's part) goes through `checkCode`, rate-limited per identity and per
 * conversation, and `redeem`, which uses the code exactly once. Results are data (invitationResults.ts).
 */
import {
  isCoordinator,
  isLeadOf,
  leadMunicipalities,
  namedTarget,
  parseAadIdentityKey,
  type Principal,
} from '../domain/access';
import type { InvitationCommand } from '../domain/conversation/invitationCommands';
import { readCodeStart, type Code } from '../domain/membership/codes';
import type { Municipality } from '../domain/model';
import type { AccessRepository } from '../domain/ports/access';
import type { AuditLog } from '../domain/ports/audit';
import type { Clock } from '../domain/ports/clock';
import type {
  InvitationInfo,
  InvitationRepository,
  InvitationRole,
  MembershipRepository,
  MunicipalityAdmin,
} from '../domain/ports/membership';
import type { RateBucket, RateLimits } from '../domain/ports/rateLimits';
import type { MunicipalityRepository, RespondentRepository } from '../domain/ports/selfCheck';
import type { AccessService } from './accessService';
import { recordQuietly, type AuditFailureLog } from './auditService';
import type { InvitationEntry, InvitationResult, InvitationState } from './invitationResults';

export interface InvitationServiceDeps {
  readonly access: Pick<AccessService, 'principalOf' | 'isAllowedTenant'>;
  readonly grants: Pick<AccessRepository, 'grant' | 'grantsOf'>;
  readonly invitations: InvitationRepository;
  readonly membership: Pick<MembershipRepository, 'join' | 'members' | 'remove'>;
  /** `find` (archived included) and `listAll`: archived municipalities are named, and then refused. */
  readonly municipalities: Pick<MunicipalityRepository, 'find'> & Pick<MunicipalityAdmin, 'listAll'>;
  readonly respondents: Pick<RespondentRepository, 'findById'>;
  readonly rateLimits: RateLimits;
  readonly clock: Clock;
  /** A fresh invitation code from a cryptographic random source (infrastructure: `newCode('invitation')`). */
  readonly newCode: () => Code;
  /** INVITATION_TTL_DAYS. */
  readonly ttlDays: number;
  /** PUBLIC_BASE_URL without a trailing slash: the web chat link is `<publicBaseUrl>/#code=<code>`. */
  readonly publicBaseUrl: string;
  /** Code attempts per identity and per conversation; default 5 per 15 minutes each. */
  readonly codeAttempts?: { readonly limit: number; readonly windowMs: number };
  /** The audit trail: codes issued, used and revoked, members removed (never a code itself, only its start). */
  readonly audit: Pick<AuditLog, 'record'>;
  /** Where a use that could not be recorded is reported (the use itself goes ahead). */
  readonly log?: AuditFailureLog;
}

/** Who asks, as far as the turn can vouch for it. */
export interface InvitationRequest {
  readonly identityKey: string;
  readonly conversation: 'personal' | 'channel' | 'webchat';
}

export type CodeCheck =
  | { readonly kind: 'valid'; readonly invitation: InvitationInfo; readonly municipality: Municipality }
  /** Unknown, expired, revoked, used up or archived: one answer, so a guess learns nothing. */
  | { readonly kind: 'invalid' }
  | { readonly kind: 'rateLimited'; readonly retryAfterMs: number };

export type Redemption =
  | { readonly kind: 'joined'; readonly municipality: Municipality; readonly lead: boolean }
  | { readonly kind: 'invalid' };

const DAY_MS = 24 * 3600 * 1000;
const DEFAULT_ATTEMPTS = { limit: 5, windowMs: 15 * 60_000 };
const DENIED: InvitationResult = { kind: 'denied' };

type Target = { readonly municipality: Municipality } | { readonly reply: InvitationResult };

export class InvitationService {
  private readonly perIdentity: RateBucket;
  private readonly perConversation: RateBucket;

  constructor(private readonly deps: InvitationServiceDeps) {
    const { limit, windowMs } = deps.codeAttempts ?? DEFAULT_ATTEMPTS;
    this.perIdentity = { name: 'invitation.code.identity', limit, windowMs };
    this.perConversation = { name: 'invitation.code.conversation', limit, windowMs };
  }

  async handle(command: InvitationCommand, req: InvitationRequest): Promise<InvitationResult> {
    switch (command.kind) {
      case 'usage':
        return command;
      case 'invite':
        return this.create(req, command.municipality, command.role, command.maxUses);
      case 'invitations':
        return this.list(req, command.municipality);
      case 'revokeInvitation':
        return this.revoke(req, command.codeStart);
      case 'members':
        return this.members(req, command.municipality);
      case 'removeMember':
        return this.removeMember(req, command.municipality, command.memberNo);
    }
  }

  /** A new code: member codes for coordinators and the municipality's leads, lead codes for coordinators. */
  async create(
    req: InvitationRequest,
    municipalityName: string,
    role: InvitationRole,
    maxUses?: number,
  ): Promise<InvitationResult> {
    // Before anything is looked up: a code must never appear where others read along.
    if (req.conversation === 'channel') return { kind: 'personalOnly' };
    const p = await this.principal(req.identityKey);
    if (role === 'lead' && !isCoordinator(p)) return DENIED;
    const t = await this.target(municipalityName, p);
    if ('reply' in t) return t.reply;
    const m = t.municipality;
    if (m.archived || m.demo)
      return { kind: 'noCodes', municipality: m.name, reason: m.archived ? 'archived' : 'demo' };
    const code = this.deps.newCode();
    const now = this.deps.clock.now();
    // Lead codes are single-use: each lead is let in by name of a coordinator.
    const uses = role === 'lead' ? 1 : (maxUses ?? null);
    // Recorded before the code exists: if the trail cannot be written, no code is made or shown.
    await this.deps.audit.record({
      action: 'code_issued',
      actor: p.identityKey,
      municipalityId: m.id,
      detail: { role, codeStart: code.start, ...(uses !== null ? { maxUses: uses } : {}) },
    });
    const info = await this.deps.invitations.create({
      code: code.text,
      codeStart: code.start,
      municipalityId: m.id,
      role,
      maxUses: uses,
      expiresAt: new Date(now.getTime() + this.deps.ttlDays * DAY_MS),
      createdBy: p.identityKey,
    });
    return {
      kind: 'created',
      municipality: m.name,
      role,
      code: code.text,
      maxUses: info.maxUses,
      expiresAt: info.expiresAt,
      link: `${this.deps.publicBaseUrl}/#code=${code.text}`,
    };
  }

  async list(req: InvitationRequest, municipalityName: string): Promise<InvitationResult> {
    if (req.conversation === 'channel') return { kind: 'personalOnly' };
    const t = await this.target(municipalityName, await this.principal(req.identityKey));
    if ('reply' in t) return t.reply;
    const now = this.deps.clock.now();
    const rows = await this.deps.invitations.list(t.municipality.id);
    const entries: InvitationEntry[] = rows.map((i) => ({
      codeStart: i.codeStart,
      role: i.role,
      uses: i.uses,
      maxUses: i.maxUses,
      expiresAt: i.expiresAt,
      state: stateOf(i, now),
    }));
    return { kind: 'invitations', municipality: t.municipality.name, entries };
  }

  /** Coordinators revoke matching codes of any municipality, leads those of their own municipalities. */
  async revoke(req: InvitationRequest, codeStart: string): Promise<InvitationResult> {
    if (req.conversation === 'channel') return { kind: 'personalOnly' };
    const p = await this.principal(req.identityKey);
    const scope = isCoordinator(p) ? 'all' : leadMunicipalities(p);
    if (scope !== 'all' && scope.length === 0) return DENIED;
    const start = readCodeStart(codeStart);
    if (start === undefined) return { kind: 'usage', command: 'revoke' };
    const revoked = await this.deps.invitations.revoke(scope, start, this.deps.clock.now());
    // After the codes stopped working: ending access never waits for the trail.
    for (const i of revoked)
      await this.deps.audit.record({
        action: 'code_revoked',
        actor: p.identityKey,
        municipalityId: i.municipalityId,
        detail: { role: i.role, codeStart: i.codeStart },
      });
    return { kind: 'revoked', count: revoked.length };
  }

  async members(req: InvitationRequest, municipalityName: string): Promise<InvitationResult> {
    if (req.conversation === 'channel') return { kind: 'personalOnly' };
    const t = await this.target(municipalityName, await this.principal(req.identityKey));
    if ('reply' in t) return t.reply;
    const members = await this.deps.membership.members(t.municipality.id);
    return {
      kind: 'members',
      municipality: t.municipality.name,
      members: members.map((m) => ({
        memberNo: m.memberNo,
        role: m.role,
        joined: m.membership,
        answersInCurrentRound: m.answersInCurrentRound,
      })),
    };
  }

  /** Ends a membership; the member's answers of the round in progress go with it (closed rounds stay). */
  async removeMember(req: InvitationRequest, municipalityName: string, memberNo: number): Promise<InvitationResult> {
    if (req.conversation === 'channel') return { kind: 'personalOnly' };
    const p = await this.principal(req.identityKey);
    const t = await this.target(municipalityName, p);
    if ('reply' in t) return t.reply;
    const m = t.municipality;
    const member = (await this.deps.membership.members(m.id)).find((x) => x.memberNo === memberNo);
    if (member === undefined) return { kind: 'noSuchMember', municipality: m.name, memberNo };
    const person = await this.deps.respondents.findById(member.respondentId);
    const wasLead = person !== undefined && (await this.isLead(person.identityKey, m.id));
    // Removing a member also ends their lead role there; taking roles away is the coordinators' business.
    if (!isCoordinator(p) && wasLead) return { kind: 'leadMember', municipality: m.name, memberNo };
    const removed = await this.deps.membership.remove(m.id, memberNo);
    if (removed === undefined) return { kind: 'noSuchMember', municipality: m.name, memberNo };
    const event = { actor: p.identityKey, subject: person?.identityKey ?? null, municipalityId: m.id };
    await this.deps.audit.record({
      action: 'member_removed',
      ...event,
      detail: { answersRemoved: removed.answersRemoved },
    });
    if (wasLead)
      await this.deps.audit.record({
        action: 'role_revoked',
        ...event,
        detail: { role: 'lead', via: 'member_removed' },
      });
    return { kind: 'memberRemoved', municipality: m.name, memberNo, answersRemoved: removed.answersRemoved };
  }

  /**
   * Looks a typed code up without using it. Every attempt counts against two limits, the person's and the
   * conversation's, before the code is looked at: otherwise a guesser who is over the limit would still
   * learn when a guess is right. Someone else's wrong guesses elsewhere never block a person's valid code.
   */
  async checkCode(
    code: Code,
    attempt: { readonly identityKey: string; readonly conversationId: string },
  ): Promise<CodeCheck> {
    const now = this.deps.clock.now();
    const hits: [RateBucket, string][] = [
      [this.perIdentity, attempt.identityKey.toLowerCase()],
      [this.perConversation, attempt.conversationId],
    ];
    for (const [bucket, key] of hits) {
      const decision = await this.deps.rateLimits.hit(bucket, key, now.getTime());
      if (!decision.ok) return { kind: 'rateLimited', retryAfterMs: decision.retryAfterMs };
    }
    if (code.kind !== 'invitation') return { kind: 'invalid' };
    const check = await this.deps.invitations.check(code.text, now);
    if (!check.ok) return { kind: 'invalid' };
    const municipality = await this.deps.municipalities.find(check.invitation.municipalityId);
    if (municipality === undefined || municipality.archived || municipality.demo) return { kind: 'invalid' };
    return { kind: 'valid', invitation: check.invitation, municipality };
  }

  /**
   * Uses the invitation once and makes the respondent a member (source 'invitation'); a lead code also
   * grants the lead role, recorded as granted by `invitation:<id>`. The use is one conditional update, so
   * of two people redeeming the last use at the same moment exactly one gets in.
   */
  async redeem(
    invitationId: string,
    respondent: { readonly id: string; readonly identityKey: string },
  ): Promise<Redemption> {
    const invalid: Redemption = { kind: 'invalid' };
    const used = await this.deps.invitations.use(invitationId, this.deps.clock.now());
    if (!used.ok) return invalid;
    const { invitation } = used;
    const municipality = await this.deps.municipalities.find(invitation.municipalityId);
    // Never happens for codes made here (no codes for the demo; `use` refuses archived municipalities).
    if (municipality === undefined || municipality.demo) return invalid;
    await this.deps.membership.join(respondent.id, municipality.id, 'invitation');
    const lead = invitation.role === 'lead';
    if (lead)
      await this.deps.grants.grant(
        respondent.identityKey,
        { role: 'lead', municipalityId: municipality.id },
        `invitation:${invitation.id}`,
      );
    // The person joining must not be stopped by the trail (a single-use code is spent by now): quietly.
    const { log } = this.deps;
    const codeStart = invitation.codeStart;
    const joiner = { actor: respondent.identityKey, municipalityId: municipality.id };
    await recordQuietly(
      this.deps.audit,
      { action: 'code_used', ...joiner, detail: { codeStart, role: invitation.role } },
      log,
    );
    if (lead)
      await recordQuietly(
        this.deps.audit,
        {
          action: 'role_granted',
          subject: respondent.identityKey,
          municipalityId: municipality.id,
          detail: { role: 'lead', via: 'code', codeStart },
        },
        log,
      );
    return { kind: 'joined', municipality, lead };
  }

  /**
   * The asking person's grants. A coordinator grant counts only from a tenant the coordinator features are
   * open to (COORDINATOR_TENANT_IDS), as for the other coordinator commands; a lead's grant is tied to one
   * municipality and counts from the municipality's own tenant too.
   */
  private async principal(identityKey: string): Promise<Principal> {
    const p = await this.deps.access.principalOf(identityKey);
    const aad = parseAadIdentityKey(identityKey.toLowerCase());
    if (aad === undefined || (await this.deps.access.isAllowedTenant(aad.tenantId))) return p;
    return { ...p, grants: p.grants.filter((g) => g.role !== 'coordinator') };
  }

  private async isLead(identityKey: string, municipalityId: string): Promise<boolean> {
    const grants = await this.deps.grants.grantsOf(identityKey);
    return grants.some((g) => g.role === 'lead' && g.municipalityId === municipalityId);
  }

  /**
   * The municipality a coordinator or one of its leads names. Someone with no such role anywhere is refused
   * before the name is looked at; a lead gets the same refusal for unknown names and other municipalities.
   */
  private async target(name: string, p: Principal): Promise<Target> {
    const all = await this.deps.municipalities.listAll();
    const t = namedTarget(name, all, p, (m) => isCoordinator(p) || isLeadOf(p, m.id));
    switch (t.kind) {
      case 'denied':
        return { reply: DENIED };
      case 'unknown':
        return { reply: { kind: 'unknownMunicipality', name, candidates: t.candidates } };
      case 'ambiguous':
        return { reply: { kind: 'ambiguousMunicipality', name, candidates: t.candidates } };
      case 'found':
        return { municipality: t.municipality };
    }
  }
}

function stateOf(i: InvitationInfo, now: Date): InvitationState {
  if (i.revokedAt !== null) return 'revoked';
  if (i.maxUses !== null && i.uses >= i.maxUses) return 'used_up';
  if (i.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}
