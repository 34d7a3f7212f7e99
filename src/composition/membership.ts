/**
 * Part of the composition root (src/index.ts): who belongs to which municipality — invitation codes and
 * members, municipalities and registered tenants, personal resume codes of the web chat, the gate
 * onboarding asks, and the standalone commands of these topics in the order the router tries them.
 */
import type { BotState } from 'botbuilder';
import { codeCommandHandler } from '../bot/codeCommands';
import { handler, type CommandHandler } from '../bot/commandHandlers';
import { invitationCommands } from '../bot/invitationCommands';
import { MembershipGate } from '../bot/membershipGate';
import { municipalityCommands } from '../bot/municipalityCommands';
import { auditCommands } from '../bot/auditCommands';
import { resumeCodeMessage } from '../bot/replies/resumeCodeReplies';
import { resumeCodeCommands } from '../bot/resumeCodeCommands';
import type { TurnIdentity } from '../bot/turnIdentity';
import type { UserLocale } from '../bot/userLocale';
import type { AppConfig } from '../config';
import type { AuditLog, Clock, RateLimits } from '../domain/ports';
import type { Database } from '../infrastructure/db/database';
import { isChannelAuthenticated } from '../infrastructure/bot/channelAuthentication';
import { newCode } from '../infrastructure/repositories/codeHash';
import { PrismaInvitationRepository } from '../infrastructure/repositories/prismaInvitationRepository';
import { PrismaMembershipRepository } from '../infrastructure/repositories/prismaMembershipRepository';
import { PrismaMunicipalityRepository } from '../infrastructure/repositories/prismaMunicipalityRepository';
import { PrismaResumeCodeRepository } from '../infrastructure/repositories/prismaResumeCodeRepository';
import type { PrismaRespondentRepository } from '../infrastructure/repositories/prismaRespondentRepository';
import type { PrismaAccessRepository } from '../infrastructure/repositories/prismaAccessRepository';
import type { TenantRegistry } from '../domain/ports/membership';
import type { AccessService } from '../services/accessService';
import { AuditService, type AuditFailureLog } from '../services/auditService';
import { InvitationService } from '../services/invitationService';
import { MunicipalityAdminService } from '../services/municipalityAdminService';
import { ResumeCodeService } from '../services/resumeCodeService';

export interface MembershipParts {
  readonly invitations: InvitationService;
  readonly municipalityAdmin: MunicipalityAdminService;
  readonly resumeCodes: ResumeCodeService;
  readonly gate: MembershipGate;
  /** Reading the audit trail (coordinators): `protokoll` in chat, the dashboard's audit page. */
  readonly auditTrail: AuditService;
  /** Codes first: a pasted code is never taken for an answer, another command or an FAQ question. */
  readonly commands: readonly CommandHandler[];
}

export interface MembershipPartsDeps {
  readonly config: AppConfig;
  readonly db: Database;
  readonly access: AccessService;
  readonly grants: PrismaAccessRepository;
  readonly respondents: PrismaRespondentRepository;
  readonly tenants: TenantRegistry;
  /** Shared with the web chat's Direct Line: one set of limits per process. */
  readonly rateLimits: RateLimits;
  readonly clock: Clock;
  readonly conversationState: BotState;
  readonly identity: TurnIdentity;
  readonly locale: UserLocale;
  readonly hasConsented: (identityKey: string) => Promise<boolean>;
  /** The audit trail the membership actions are recorded in. */
  readonly audit: AuditLog;
  /** Where a quietly recorded event that failed is reported. */
  readonly log: AuditFailureLog;
}

export function membershipParts(deps: MembershipPartsDeps): MembershipParts {
  const { config, db, access, respondents, rateLimits, clock, identity, locale, audit, log } = deps;
  const municipalities = new PrismaMunicipalityRepository(db.prisma);
  const municipalityAdmin = new MunicipalityAdminService({
    access,
    municipalities,
    tenants: deps.tenants,
    clock,
    audit,
  });
  const invitations = new InvitationService({
    access,
    grants: deps.grants,
    invitations: new PrismaInvitationRepository(db.prisma),
    membership: new PrismaMembershipRepository(db.prisma),
    municipalities,
    respondents,
    rateLimits,
    clock,
    newCode: () => newCode('invitation'),
    ttlDays: config.invitations.ttlDays,
    publicBaseUrl: config.http.publicBaseUrl,
    audit,
    log,
  });
  // Personal resume codes (WR-…) of web chat users: `issue` after consent, `resolve` for `code WR-…`.
  const resumeCodes = new ResumeCodeService({
    codes: new PrismaResumeCodeRepository(db.prisma),
    limits: rateLimits,
    clock,
    generate: newCode,
    audit,
    log,
  });
  const gate = new MembershipGate({
    conversationState: deps.conversationState,
    municipalities,
    tenants: deps.tenants,
    invitations,
    resumeCodes,
    resumeCodeText: (l, code) => resumeCodeMessage(l, code).text,
    localeOf: (ctx) => locale.localeOf(ctx),
    isChannelAuthenticated,
  });
  const codes = codeCommandHandler({
    invitations,
    resumeCodes,
    gate,
    identity,
    findRespondent: (key) => respondents.findByIdentity(key),
  });
  const auditTrail = new AuditService({ access, audit, municipalities });
  const auditPage = (id: string | null) =>
    `${config.http.publicBaseUrl}/dashboard/?view=audit${id === null ? '' : `&municipality=${encodeURIComponent(id)}`}`;
  const commands = [
    handler(codes),
    invitationCommands(invitations),
    handler(resumeCodeCommands({ resumeCodes, hasConsented: deps.hasConsented })),
    municipalityCommands(municipalityAdmin),
    auditCommands(auditTrail, auditPage),
  ];
  return { invitations, municipalityAdmin, resumeCodes, gate, auditTrail, commands };
}
