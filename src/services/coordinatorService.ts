/**
 * Commands of coordinators and municipal leads: roles, channel subscriptions, delivery states, comparison,
 * stalled respondents, marking a round complete, exports (delegated). Every command checks the role through
 * AccessService first; a denial is one plain result that reveals nothing about the target. Results are data
 * (coordinatorResults.ts); the bot layer words them.
 */
import {
  aadIdentityKey,
  decide,
  isCoordinator,
  leadMunicipalities,
  namedTarget,
  type AccessAction,
  type Principal,
  type RoleGrant,
} from '../domain/access';
import {
  isAll,
  type CoordinatorCommand,
  type ExportFormat,
  type PersonRef,
} from '../domain/conversation/coordinatorCommands';
import type { Locale } from '../domain/selbstcheck';
import {
  ALL_MUNICIPALITIES,
  type AccessRepository,
  type Clock,
  type Municipality,
  type OutboxRepository,
  type ReminderRepository,
  type ResultsRepository,
  type RoleGrantListing,
  type StoredReference,
  type SubscriptionRepository,
} from '../domain/ports';
import type { AuditLog } from '../domain/ports/audit';
import type { AccessService } from './accessService';
import type { CoordinatorResult, GrantedRole, ScopeLabel } from './coordinatorResults';
import type { ExportLinkResult } from './exportLinks';
import type { ReminderService } from './reminderService';
import type { RoundService } from './roundService';
import type { ComparisonService } from './comparisonService';
import { compareMunicipality } from './coordinatorComparison';
import type { SelfCheckService } from './selfCheckService';
import type { DashboardLink } from './dashboardLinks';

/** Exports: plugged in by the composition root; without it the command says exports are not available. */
export interface ExportCommands {
  /**
   * Called only after the role check (`export` on the municipality) passed. `place` decides whether a download
   * link may be handed out at all: never into a conversation several people read.
   */
  exportLink(
    principal: Principal,
    municipalityId: string,
    format: ExportFormat,
    locale: Locale,
    place: CommandContext['conversation'],
  ): Promise<ExportLinkResult>;
}

export interface CommandContext {
  /** `aad:<tenant>:<oid>` in Teams; undefined elsewhere (web chat has no coordinator features). */
  readonly identityKey: string | undefined;
  readonly tenantId: string | undefined;
  readonly conversation: 'channel' | 'personal' | 'other';
  readonly reference: StoredReference;
  /**
   * The turn carried a verified Bot Framework channel token (decided by the bot from the turn's
   * ClaimsIdentity). Without it `reference` is not stored for proactive use: no subscription, no reminder chat.
   */
  readonly channelAuthenticated: boolean;
  readonly teamId: string | null;
  readonly channelId: string | null;
  /** The user's language; stored with a subscription as the language of its channel cards. */
  readonly locale: Locale;
  /** Resolves an @mention to the person's AAD object id (Teams roster); undefined when unknown. */
  resolveMention?(name: string): Promise<string | undefined>;
}

export interface CoordinatorDeps {
  readonly access: AccessService;
  readonly grants: AccessRepository & RoleGrantListing;
  readonly subscriptions: SubscriptionRepository;
  readonly outbox: OutboxRepository;
  readonly reminders: ReminderRepository;
  readonly reminderJob: ReminderService;
  readonly results: ResultsRepository;
  /** Released comparison figures (closed rounds only, docs/scoring.md §10). */
  readonly comparisons: Pick<ComparisonService, 'released'>;
  /** Closing rounds: the one use case, shared with the self-check's `abschließen`. */
  readonly rounds: Pick<RoundService, 'closeCurrent'>;
  readonly selfCheck: SelfCheckService;
  readonly clock: Clock;
  readonly reminderAfterDays: number;
  readonly bootstrapCount: number;
  readonly exports?: ExportCommands;
  /** Deep link to a municipality's dashboard view, offered on the comparison card. */
  readonly dashboardLink?: DashboardLink;
  /** The audit trail: every role granted or revoked here is recorded. */
  readonly audit: Pick<AuditLog, 'record'>;
}

const DENIED: CoordinatorResult = { kind: 'denied' };
const ALL: ScopeLabel = { kind: 'all' };

type Target = { readonly municipality: Municipality } | { readonly reply: CoordinatorResult };

export class CoordinatorService {
  constructor(private readonly deps: CoordinatorDeps) {}

  async handle(command: CoordinatorCommand, ctx: CommandContext): Promise<CoordinatorResult> {
    if (command.kind === 'coordinatorHelp') return { kind: 'help' };
    const key = ctx.identityKey;
    if (key === undefined) return DENIED;
    if (command.kind === 'reminders') {
      // Respondents of any tenant (the allow-list is for coordinator features only).
      if (ctx.conversation !== 'personal') return { kind: 'personalOnly' };
      if (!ctx.channelAuthenticated) return { kind: 'remindersNeedAuth' };
      const principal = await this.deps.access.principalOf(key);
      // Nothing is stored about someone who has not joined the self-check (no municipality yet).
      if (principal.municipalityId !== null) {
        await this.deps.reminders.rememberConversation(key, ctx.reference);
        await this.deps.reminders.setRemindersEnabled(key, command.enabled);
      }
      return { kind: 'reminders', enabled: command.enabled };
    }
    if (ctx.tenantId !== undefined && !(await this.deps.access.isAllowedTenant(ctx.tenantId))) return DENIED;
    const principal = await this.deps.access.principalOf(key);

    switch (command.kind) {
      case 'roles':
        return this.allowedAll(principal, 'grant_roles') ? this.listRoles() : DENIED;
      case 'grant':
      case 'revoke':
        return this.allowedAll(principal, 'grant_roles') ? this.changeRole(command, principal, ctx) : DENIED;
      case 'deliveries':
        return this.allowedAll(principal, 'view_all') ? this.deliveries() : DENIED;
      case 'retryDeliveries':
        if (!this.allowedAll(principal, 'view_all')) return DENIED;
        return { kind: 'requeued', count: await this.deps.outbox.requeueFailed(this.deps.clock.now()) };
      case 'subscriptions':
        if (!isCoordinator(principal) && leadMunicipalities(principal).length === 0) return DENIED;
        return this.listSubscriptions(ctx);
      case 'subscribe':
        return this.subscribe(command.municipality, principal, ctx);
      case 'unsubscribe':
        return this.unsubscribe(command.municipality, principal, ctx);
      case 'compare': {
        const m = await this.target(command.municipality, principal, 'view_results');
        return 'reply' in m ? m.reply : compareMunicipality(this.deps, m.municipality);
      }
      case 'stalled':
        return this.stalled(command.municipality, principal);
      case 'markComplete': {
        const m = await this.target(command.municipality, principal, 'mark_complete');
        if ('reply' in m) return m.reply;
        const done = (await this.deps.rounds.closeCurrent(principal, m.municipality.id)) === 'completed';
        return { kind: 'markComplete', municipality: m.municipality.name, done };
      }
      case 'export': {
        const m = await this.target(command.municipality, principal, 'export');
        if ('reply' in m) return m.reply;
        if (this.deps.exports === undefined) return { kind: 'exportUnavailable' };
        return {
          kind: 'export',
          link: await this.deps.exports.exportLink(
            principal,
            m.municipality.id,
            command.format,
            ctx.locale,
            ctx.conversation,
          ),
        };
      }
    }
  }

  private allowedAll(p: Principal, action: AccessAction): boolean {
    return decide(p, action).allowed;
  }

  private async municipalityNames(): Promise<ReadonlyMap<string, string>> {
    return new Map((await this.deps.selfCheck.listMunicipalities()).map((m) => [m.id, m.name]));
  }

  /**
   * Resolves a municipality for an action. Someone who may not act on any municipality is refused before the
   * name is even looked at; a lead gets the same refusal for unknown names and for other municipalities.
   * The demo municipality is public and takes part in nothing coordinators do (comparison, subscriptions,
   * closing, exports, reminders, roles): naming it gets that one answer, from coordinators and leads alike.
   */
  private async target(name: string, p: Principal, action: AccessAction): Promise<Target> {
    const all = await this.deps.selfCheck.listMunicipalities();
    const t = namedTarget(name, all, p, (m) => m.demo || decide(p, action, { municipalityId: m.id }).allowed);
    switch (t.kind) {
      case 'denied':
        return { reply: DENIED };
      case 'unknown':
        return { reply: { kind: 'unknownMunicipality', name, candidates: t.candidates } };
      case 'ambiguous':
        return { reply: { kind: 'ambiguousMunicipality', name, candidates: t.candidates } };
      case 'found':
        return t.municipality.demo
          ? { reply: { kind: 'demoMunicipality', municipality: t.municipality.name } }
          : { municipality: t.municipality };
    }
  }

  private async listRoles(): Promise<CoordinatorResult> {
    const { bootstrapCount } = this.deps;
    const entries = await this.deps.grants.list();
    if (entries.length === 0) return { kind: 'roles', entries: [], bootstrapCount };
    const names = await this.municipalityNames();
    return {
      kind: 'roles',
      bootstrapCount,
      entries: entries.map((e) => ({
        who: e.identityKey,
        role:
          e.grant.role === 'coordinator'
            ? { role: 'coordinator' }
            : { role: 'lead', municipality: names.get(e.grant.municipalityId) ?? e.grant.municipalityId },
      })),
    };
  }

  private async person(ref: PersonRef, ctx: CommandContext): Promise<string | undefined> {
    if (ref.kind === 'id') {
      if (ref.value.toLowerCase().startsWith('aad:')) return ref.value.toLowerCase();
      return ctx.tenantId === undefined ? undefined : aadIdentityKey(ctx.tenantId, ref.value);
    }
    const objectId = await ctx.resolveMention?.(ref.name);
    return objectId === undefined || ctx.tenantId === undefined ? undefined : aadIdentityKey(ctx.tenantId, objectId);
  }

  private async changeRole(
    command: Extract<CoordinatorCommand, { kind: 'grant' | 'revoke' }>,
    principal: Principal,
    ctx: CommandContext,
  ): Promise<CoordinatorResult> {
    const who = await this.person(command.person, ctx);
    if (who === undefined) return { kind: 'personUnknown' };
    let grant: RoleGrant = { role: 'coordinator' };
    let role: GrantedRole = { role: 'coordinator' };
    if (command.role === 'lead') {
      const m = await this.target(command.municipality ?? '', principal, 'grant_roles');
      if ('reply' in m) return m.reply;
      grant = { role: 'lead', municipalityId: m.municipality.id };
      role = { role: 'lead', municipality: m.municipality.name };
    }
    const whoText = command.person.kind === 'mention' ? command.person.name : who;
    const event = {
      actor: principal.identityKey,
      subject: who,
      municipalityId: grant.role === 'lead' ? grant.municipalityId : null,
      detail: { role: grant.role },
    };
    if (command.kind === 'grant') {
      // Recorded before the grant: if the trail cannot be written, the command fails and no right was given
      // without its record. A grant the person already holds changes nothing and is not recorded again.
      const held = await this.deps.grants.grantsOf(who);
      if (!held.some((g) => sameGrant(g, grant))) await this.deps.audit.record({ action: 'role_granted', ...event });
      await this.deps.grants.grant(who, grant, principal.identityKey);
      return { kind: 'roleChanged', change: 'granted', role, who: whoText };
    }
    // A revoke still deletes the grant; recorded after it, only when there was one. Taking a right away never
    // waits for the trail: if the record fails, the command fails (generic answer) but the right is gone.
    const removed = await this.deps.grants.revoke(who, grant);
    if (removed) await this.deps.audit.record({ action: 'role_revoked', ...event });
    return { kind: 'roleChanged', change: removed ? 'revoked' : 'revokeNothing', role, who: whoText };
  }

  private async subscribe(name: string, p: Principal, ctx: CommandContext): Promise<CoordinatorResult> {
    if (ctx.conversation !== 'channel') return { kind: 'channelOnly' };
    let scope: string;
    let label: ScopeLabel;
    if (isAll(name)) {
      if (!this.allowedAll(p, 'view_all')) return DENIED;
      scope = ALL_MUNICIPALITIES;
      label = ALL;
    } else {
      const m = await this.target(name, p, 'subscribe');
      if ('reply' in m) return m.reply;
      scope = m.municipality.id;
      label = { kind: 'municipality', name: m.municipality.name };
    }
    // After the role check, so someone without rights still gets only the plain denial.
    if (!ctx.channelAuthenticated) return { kind: 'subscribeNeedsAuth' };
    await this.deps.subscriptions.subscribe({
      scope,
      reference: ctx.reference,
      tenantId: ctx.tenantId ?? null,
      teamId: ctx.teamId,
      channelId: ctx.channelId,
      createdBy: p.identityKey,
      locale: ctx.locale,
    });
    return { kind: 'subscribed', scope: label };
  }

  private async unsubscribe(name: string | undefined, p: Principal, ctx: CommandContext): Promise<CoordinatorResult> {
    if (ctx.conversation !== 'channel') return { kind: 'channelOnly' };
    const conversationId = ctx.reference.conversation.id;
    const mayManage = (scope: string) =>
      scope === ALL_MUNICIPALITIES ? isCoordinator(p) : decide(p, 'subscribe', { municipalityId: scope }).allowed;
    if (!isCoordinator(p) && leadMunicipalities(p).length === 0) return DENIED;
    let scopes: string[];
    if (name === undefined) {
      const own = await this.deps.subscriptions.ofConversation(conversationId);
      scopes = own.map((s) => s.scope).filter(mayManage);
      if (own.length > 0 && scopes.length === 0) return DENIED;
    } else if (isAll(name)) {
      if (!isCoordinator(p)) return DENIED;
      scopes = [ALL_MUNICIPALITIES];
    } else {
      const m = await this.target(name, p, 'subscribe');
      if ('reply' in m) return m.reply;
      scopes = [m.municipality.id];
    }
    let count = 0;
    for (const scope of scopes) count += await this.deps.subscriptions.unsubscribe(conversationId, scope);
    return { kind: 'unsubscribed', count };
  }

  private async listSubscriptions(ctx: CommandContext): Promise<CoordinatorResult> {
    const subs = await this.deps.subscriptions.ofConversation(ctx.reference.conversation.id);
    if (subs.length === 0) return { kind: 'subscriptions', entries: [] };
    const names = await this.municipalityNames();
    return {
      kind: 'subscriptions',
      entries: subs.map((s) => ({
        scope: s.scope === ALL_MUNICIPALITIES ? ALL : { kind: 'municipality', name: names.get(s.scope) ?? s.scope },
        stale: s.status === 'stale' ? (s.staleReason ?? '') : null,
      })),
    };
  }

  private async deliveries(): Promise<CoordinatorResult> {
    const counts = await this.deps.outbox.counts();
    if (counts.length === 0) return { kind: 'deliveries', counts, problems: [] };
    const problems = await this.deps.outbox.problems(10);
    const names = await this.municipalityNames();
    return {
      kind: 'deliveries',
      counts,
      problems: problems.map((d) => ({ ...d, municipalityName: names.get(d.municipalityId) ?? d.municipalityId })),
    };
  }

  private async stalled(name: string | undefined, p: Principal): Promise<CoordinatorResult> {
    let municipalities: readonly Municipality[];
    if (name !== undefined) {
      const m = await this.target(name, p, 'view_respondents');
      if ('reply' in m) return m.reply;
      municipalities = [m.municipality];
    } else {
      // Demo visitors are never listed as missing.
      const all = (await this.deps.selfCheck.listMunicipalities()).filter((m) => !m.demo);
      const visible = isCoordinator(p)
        ? all
        : all.filter((m) => decide(p, 'view_respondents', { municipalityId: m.id }).allowed);
      if (visible.length === 0) return DENIED;
      municipalities = visible;
    }
    const stalled = [];
    for (const m of municipalities) stalled.push({ name: m.name, stalled: await this.deps.reminderJob.stalled(m.id) });
    return {
      kind: 'stalled',
      days: this.deps.reminderAfterDays,
      showEmpty: name !== undefined || municipalities.length === 1,
      municipalities: stalled,
    };
  }
}

function sameGrant(a: RoleGrant, b: RoleGrant): boolean {
  if (a.role === 'coordinator' || b.role === 'coordinator') return a.role === b.role;
  return a.municipalityId === b.municipalityId;
}
