/**
 * Commands of coordinators and municipal leads (issue #5): roles, channel subscriptions, delivery states,
 * comparison, stalled respondents, marking a round complete, exports (delegated). Every command checks the
 * role through AccessService first; a denial is one plain sentence that reveals nothing about the target.
 */
import { renderComparisonCard } from '../../cards/comparisonCard';
import type { RenderedCard } from '../../cards/adaptiveCard';
import { decide, isCoordinator, leadMunicipalities, type AccessAction, type Principal, type RoleGrant } from '../domain/access';
import { isAll, matchMunicipality, type CoordinatorCommand, type ExportFormat, type PersonRef } from '../domain/conversation/coordinatorCommands';
import { changeBetweenRounds, compareWithOthers, type AssessmentScore } from '../domain/selbstcheck';
import {
  ALL_MUNICIPALITIES,
  type AccessRepository,
  type AssessmentRepository,
  type Clock,
  type Municipality,
  type OutboxRepository,
  type ReminderRepository,
  type ResultsRepository,
  type RoleGrantListing,
  type StoredReference,
  type SubscriptionRepository,
} from '../domain/ports';
import { ct, type CoordinatorMessageKey } from '../i18n/coordinatorCatalog';
import type { UiLocale } from '../i18n/locale';
import { roleLabel } from '../domain/selbstcheck';
import { aadIdentityKey, type AccessService } from './accessService';
import type { ReminderService } from './reminderService';
import type { SelfCheckService } from './selfCheckService';
import type { DashboardLink } from './dashboardLinks';

export type CommandReply =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'card'; readonly card: RenderedCard }
  /** A file card or any other attachment (exports). */
  | { readonly kind: 'attachment'; readonly text: string; readonly contentType: string; readonly content: unknown; readonly name?: string };

/** Exports (helper E): plugged in at integration; without it the command says exports are not available. */
export interface ExportCommands {
  /** Called only after the role check (`export` on the municipality) passed. */
  exportLink(principal: Principal, municipalityId: string, format: ExportFormat, locale: UiLocale): Promise<CommandReply>;
}

export interface CommandContext {
  /** `aad:<tenant>:<oid>` in Teams; undefined elsewhere (web chat has no coordinator features). */
  readonly identityKey: string | undefined;
  readonly tenantId: string | undefined;
  readonly conversation: 'channel' | 'personal' | 'other';
  readonly reference: StoredReference;
  /**
   * Issue #13: the turn carried a verified Bot Framework channel token (decided by the bot from the turn's
   * ClaimsIdentity). Without it `reference` is not stored for proactive use: no subscription, no reminder chat.
   */
  readonly channelAuthenticated: boolean;
  readonly teamId: string | null;
  readonly channelId: string | null;
  readonly locale: UiLocale;
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
  readonly assessments: Pick<AssessmentRepository, 'findCurrent'>;
  readonly selfCheck: SelfCheckService;
  readonly clock: Clock;
  readonly reminderAfterDays: number;
  readonly bootstrapCount: number;
  readonly exports?: ExportCommands;
  /** Deep link to a municipality's dashboard view, offered on the comparison card. */
  readonly dashboardLink?: DashboardLink;
}

const text = (t: string): CommandReply => ({ kind: 'text', text: t });

export class CoordinatorService {
  constructor(private readonly deps: CoordinatorDeps) {}

  async handle(command: CoordinatorCommand, ctx: CommandContext): Promise<readonly CommandReply[]> {
    const say = (key: CoordinatorMessageKey, params: Readonly<Record<string, string | number>> = {}) => [text(ct(ctx.locale, key, params))];
    const denied = () => say('coord.denied');
    if (command.kind === 'coordinatorHelp') return say('coord.help');
    const key = ctx.identityKey;
    if (key === undefined) return denied();
    if (command.kind === 'reminders') {
      // Respondents of any tenant (the allow-list is for coordinator features only).
      if (ctx.conversation !== 'personal') return say('coord.personalOnly');
      if (!ctx.channelAuthenticated) return say('coord.remindersNeedAuth');
      const principal = await this.deps.access.principalOf(key);
      // Nothing is stored about someone who has not joined the self-check (no municipality yet).
      if (principal.municipalityId !== null) {
        await this.deps.reminders.rememberConversation(key, ctx.reference);
        await this.deps.reminders.setRemindersEnabled(key, command.enabled);
      }
      return say(command.enabled ? 'coord.remindersOn' : 'coord.remindersOff');
    }
    if (ctx.tenantId !== undefined && !this.deps.access.isAllowedTenant(ctx.tenantId)) return denied();
    const principal = await this.deps.access.principalOf(key);

    switch (command.kind) {
      case 'roles':
        return this.allowedAll(principal, 'grant_roles') ? this.listRoles(ctx.locale) : denied();
      case 'grant':
      case 'revoke':
        return this.allowedAll(principal, 'grant_roles') ? this.changeRole(command, principal, ctx) : denied();
      case 'deliveries':
        return this.allowedAll(principal, 'view_all') ? this.deliveries(ctx.locale) : denied();
      case 'retryDeliveries': {
        if (!this.allowedAll(principal, 'view_all')) return denied();
        return say('coord.requeued', { count: await this.deps.outbox.requeueFailed(this.deps.clock.now()) });
      }
      case 'subscriptions':
        if (!isCoordinator(principal) && leadMunicipalities(principal).length === 0) return denied();
        return this.listSubscriptions(ctx);
      case 'subscribe':
        return this.subscribe(command.municipality, principal, ctx);
      case 'unsubscribe':
        return this.unsubscribe(command.municipality, principal, ctx);
      case 'compare': {
        const m = await this.target(command.municipality, principal, 'view_results', ctx.locale);
        return 'reply' in m ? m.reply : this.compare(m.municipality, ctx.locale);
      }
      case 'stalled':
        return this.stalled(command.municipality, principal, ctx.locale);
      case 'markComplete': {
        const m = await this.target(command.municipality, principal, 'mark_complete', ctx.locale);
        if ('reply' in m) return m.reply;
        const current = await this.deps.assessments.findCurrent(m.municipality.id);
        const done = current !== undefined && (await this.deps.outbox.completeAssessment(current.id, this.deps.clock.now()));
        return say(done ? 'coord.markedComplete' : 'coord.noOpenRound', { municipality: m.municipality.name });
      }
      case 'export': {
        const m = await this.target(command.municipality, principal, 'export', ctx.locale);
        if ('reply' in m) return m.reply;
        if (this.deps.exports === undefined) return say('coord.exportUnavailable');
        return [await this.deps.exports.exportLink(principal, m.municipality.id, command.format, ctx.locale)];
      }
    }
  }

  private allowedAll(p: Principal, action: AccessAction): boolean {
    return decide(p, action).allowed;
  }

  /**
   * Resolves a municipality for an action. Someone who may not act on any municipality is refused before the
   * name is even looked at; a lead gets the same refusal for unknown names and for other municipalities.
   */
  private async target(
    name: string,
    p: Principal,
    action: AccessAction,
    locale: UiLocale,
  ): Promise<{ municipality: Municipality } | { reply: readonly CommandReply[] }> {
    const deny = { reply: [text(ct(locale, 'coord.denied'))] };
    const coordinator = isCoordinator(p);
    if (!coordinator && leadMunicipalities(p).length === 0) return deny;
    const all = await this.deps.selfCheck.listMunicipalities();
    const match = matchMunicipality(name, all);
    if (match.kind !== 'one') {
      if (!coordinator) return deny;
      return match.kind === 'none'
        ? { reply: [text(ct(locale, 'coord.unknownMunicipality', { name, list: all.map((m) => m.name).join(', ') }))] }
        : { reply: [text(ct(locale, 'coord.ambiguousMunicipality', { name, list: match.candidates.map((m) => m.name).join(', ') }))] };
    }
    return decide(p, action, { municipalityId: match.municipality.id }).allowed ? { municipality: match.municipality } : deny;
  }

  private async listRoles(locale: UiLocale): Promise<readonly CommandReply[]> {
    const entries = await this.deps.grants.list();
    if (entries.length === 0) return [text(ct(locale, 'coord.rolesNone', { count: this.deps.bootstrapCount }))];
    const names = new Map((await this.deps.selfCheck.listMunicipalities()).map((m) => [m.id, m.name]));
    const lines = entries.map((e) =>
      e.grant.role === 'coordinator'
        ? ct(locale, 'coord.roleLineCoordinator', { who: e.identityKey })
        : ct(locale, 'coord.roleLineLead', { municipality: names.get(e.grant.municipalityId) ?? e.grant.municipalityId, who: e.identityKey }),
    );
    return [text([`**${ct(locale, 'coord.rolesTitle')}**`, ...lines, '', ct(locale, 'coord.bootstrapCount', { count: this.deps.bootstrapCount })].join('\n'))];
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
  ): Promise<readonly CommandReply[]> {
    const who = await this.person(command.person, ctx);
    if (who === undefined) return [text(ct(ctx.locale, 'coord.personUnknown'))];
    let grant: RoleGrant = { role: 'coordinator' };
    let roleText = ct(ctx.locale, 'coord.roleCoordinator');
    if (command.role === 'lead') {
      const m = await this.target(command.municipality ?? '', principal, 'grant_roles', ctx.locale);
      if ('reply' in m) return m.reply;
      grant = { role: 'lead', municipalityId: m.municipality.id };
      roleText = ct(ctx.locale, 'coord.roleLead', { municipality: m.municipality.name });
    }
    const whoText = command.person.kind === 'mention' ? command.person.name : who;
    if (command.kind === 'grant') {
      await this.deps.grants.grant(who, grant, principal.identityKey);
      return [text(ct(ctx.locale, 'coord.granted', { role: roleText, who: whoText }))];
    }
    const removed = await this.deps.grants.revoke(who, grant);
    return [text(ct(ctx.locale, removed ? 'coord.revoked' : 'coord.revokeNothing', { role: roleText, who: whoText }))];
  }

  private scopeName(scope: string, locale: UiLocale, names: ReadonlyMap<string, string>): string {
    return scope === ALL_MUNICIPALITIES ? ct(locale, 'coord.allMunicipalities') : (names.get(scope) ?? scope);
  }

  private async subscribe(name: string, p: Principal, ctx: CommandContext): Promise<readonly CommandReply[]> {
    if (ctx.conversation !== 'channel') return [text(ct(ctx.locale, 'coord.channelOnly'))];
    let scope: string;
    let scopeText: string;
    if (isAll(name)) {
      if (!this.allowedAll(p, 'view_all')) return [text(ct(ctx.locale, 'coord.denied'))];
      scope = ALL_MUNICIPALITIES;
      scopeText = ct(ctx.locale, 'coord.allMunicipalities');
    } else {
      const m = await this.target(name, p, 'subscribe', ctx.locale);
      if ('reply' in m) return m.reply;
      scope = m.municipality.id;
      scopeText = m.municipality.name;
    }
    // After the role check, so someone without rights still gets only the plain denial.
    if (!ctx.channelAuthenticated) return [text(ct(ctx.locale, 'coord.subscribeNeedsAuth'))];
    await this.deps.subscriptions.subscribe({
      scope,
      reference: ctx.reference,
      tenantId: ctx.tenantId ?? null,
      teamId: ctx.teamId,
      channelId: ctx.channelId,
      createdBy: p.identityKey,
      locale: ctx.locale,
    });
    return [text(ct(ctx.locale, 'coord.subscribed', { scope: scopeText }))];
  }

  private async unsubscribe(name: string | undefined, p: Principal, ctx: CommandContext): Promise<readonly CommandReply[]> {
    if (ctx.conversation !== 'channel') return [text(ct(ctx.locale, 'coord.channelOnly'))];
    const conversationId = ctx.reference.conversation.id;
    const mayManage = (scope: string) => (scope === ALL_MUNICIPALITIES ? isCoordinator(p) : decide(p, 'subscribe', { municipalityId: scope }).allowed);
    if (!isCoordinator(p) && leadMunicipalities(p).length === 0) return [text(ct(ctx.locale, 'coord.denied'))];
    let scopes: string[];
    if (name === undefined) {
      const own = await this.deps.subscriptions.ofConversation(conversationId);
      scopes = own.map((s) => s.scope).filter(mayManage);
      if (own.length > 0 && scopes.length === 0) return [text(ct(ctx.locale, 'coord.denied'))];
    } else if (isAll(name)) {
      if (!isCoordinator(p)) return [text(ct(ctx.locale, 'coord.denied'))];
      scopes = [ALL_MUNICIPALITIES];
    } else {
      const m = await this.target(name, p, 'subscribe', ctx.locale);
      if ('reply' in m) return m.reply;
      scopes = [m.municipality.id];
    }
    let count = 0;
    for (const scope of scopes) count += await this.deps.subscriptions.unsubscribe(conversationId, scope);
    return [text(ct(ctx.locale, count > 0 ? 'coord.unsubscribed' : 'coord.notSubscribed', { count }))];
  }

  private async listSubscriptions(ctx: CommandContext): Promise<readonly CommandReply[]> {
    const subs = await this.deps.subscriptions.ofConversation(ctx.reference.conversation.id);
    if (subs.length === 0) return [text(ct(ctx.locale, 'coord.subscriptionsNone'))];
    const names = new Map((await this.deps.selfCheck.listMunicipalities()).map((m) => [m.id, m.name]));
    const lines = subs.map((s) =>
      ct(ctx.locale, 'coord.subscriptionLine', {
        scope: this.scopeName(s.scope, ctx.locale, names),
        stale: s.status === 'stale' ? ct(ctx.locale, 'coord.subscriptionStale', { reason: s.staleReason ?? '' }) : '',
      }),
    );
    return [text([`**${ct(ctx.locale, 'coord.subscriptionsTitle')}**`, ...lines].join('\n'))];
  }

  private reason(status: number | null, error: string | null, state: string, locale: UiLocale): string {
    if (state === 'uncertain' || (error ?? '').startsWith('uncertain')) return ct(locale, 'coord.reason.uncertain');
    if (status === 403) return ct(locale, 'coord.reason.403');
    if (status === 404) return ct(locale, 'coord.reason.404');
    if (status === 429) return ct(locale, 'coord.reason.429');
    if (status !== null && status >= 500) return ct(locale, 'coord.reason.5xx');
    if (status === null && state === 'retry_wait') return ct(locale, 'coord.reason.network');
    return ct(locale, 'coord.reason.other', { detail: error ?? '–' });
  }

  private async deliveries(locale: UiLocale): Promise<readonly CommandReply[]> {
    const counts = await this.deps.outbox.counts();
    if (counts.length === 0) return [text(ct(locale, 'coord.deliveriesNone'))];
    const kinds = [...new Set(counts.map((c) => c.kind))];
    const lines = kinds.map((kind) =>
      ct(locale, 'coord.deliveryCount', {
        kind: ct(locale, `coord.kind.${kind}`),
        counts: counts
          .filter((c) => c.kind === kind)
          .map((c) => `${ct(locale, `coord.state.${c.state}`)} ${c.count}`)
          .join(', '),
      }),
    );
    const problems = await this.deps.outbox.problems(10);
    const names = new Map((await this.deps.selfCheck.listMunicipalities()).map((m) => [m.id, m.name]));
    const problemLines = problems.map((d) =>
      ct(locale, 'coord.deliveryProblem', {
        state: ct(locale, `coord.state.${d.state}`),
        kind: ct(locale, `coord.kind.${d.kind}`),
        municipality: names.get(d.municipalityId) ?? d.municipalityId,
        target: d.conversationId,
        attempts: d.attempts,
        reason: this.reason(d.lastStatus, d.lastError, d.state, locale),
      }),
    );
    return [
      text(
        [`**${ct(locale, 'coord.deliveriesTitle')}**`, ...lines, ...(problemLines.length > 0 ? ['', `**${ct(locale, 'coord.deliveryProblemsTitle')}**`, ...problemLines] : [])].join('\n'),
      ),
    ];
  }

  /** Own newest round with answers vs. the newest round of every other municipality; change since the previous own round. */
  private async compare(m: Municipality, locale: UiLocale): Promise<readonly CommandReply[]> {
    const rounds = await this.deps.results.roundsWithAnswers();
    const own = rounds.filter((r) => r.municipalityId === m.id);
    const latest = own[0];
    if (latest === undefined) return [text(ct(locale, 'card.noResults', { municipality: m.name }))];
    const scoreOf = async (a: (typeof rounds)[number]): Promise<AssessmentScore> => (await this.deps.selfCheck.overallSummary(a)).score;
    const otherLatest = new Map<string, (typeof rounds)[number]>();
    for (const r of rounds) if (r.municipalityId !== m.id && !otherLatest.has(r.municipalityId)) otherLatest.set(r.municipalityId, r);
    const [ownScore, others] = await Promise.all([scoreOf(latest), Promise.all([...otherLatest.values()].map(scoreOf))]);
    const previous = own[1];
    const change = previous ? { previousRound: previous.round, change: changeBetweenRounds(await scoreOf(previous), ownScore) } : undefined;
    const link = this.deps.dashboardLink;
    const rendered = renderComparisonCard({
      locale,
      municipalityName: m.name,
      comparison: compareWithOthers(ownScore, others),
      ...(change ? { change } : {}),
      ...(link ? { dashboardUrl: link(m.id) } : {}),
    });
    return [{ kind: 'card', card: rendered }];
  }

  private async stalled(name: string | undefined, p: Principal, locale: UiLocale): Promise<readonly CommandReply[]> {
    let municipalities: readonly Municipality[];
    if (name !== undefined) {
      const m = await this.target(name, p, 'view_respondents', locale);
      if ('reply' in m) return m.reply;
      municipalities = [m.municipality];
    } else {
      const all = await this.deps.selfCheck.listMunicipalities();
      const visible = isCoordinator(p) ? all : all.filter((m) => decide(p, 'view_respondents', { municipalityId: m.id }).allowed);
      if (visible.length === 0) return [text(ct(locale, 'coord.denied'))];
      municipalities = visible;
    }
    const days = this.deps.reminderAfterDays;
    const date = (d: Date) => d.toLocaleDateString(locale === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'Europe/Berlin' });
    const blocks: string[] = [];
    for (const m of municipalities) {
      const stalled = await this.deps.reminderJob.stalled(m.id);
      if (stalled.length === 0) {
        if (name !== undefined || municipalities.length === 1) blocks.push(ct(locale, 'coord.stalledNone', { municipality: m.name, days }));
        continue;
      }
      const lines = stalled.map((s) =>
        ct(locale, 'coord.stalledLine', {
          role: s.role === null ? ct(locale, 'coord.roleUnknown') : roleLabel(s.role, locale),
          answered: s.answered,
          date: date(s.lastAnswerAt),
          reminder:
            s.remindersEnabled === false
              ? ct(locale, 'coord.stalledNoReminders')
              : s.lastRemindedAt !== null
                ? ct(locale, 'coord.stalledReminded', { date: date(s.lastRemindedAt) })
                : '',
        }),
      );
      blocks.push([`**${ct(locale, 'coord.stalledTitle', { municipality: m.name, days })}**`, ...lines].join('\n'));
    }
    if (blocks.length === 0) blocks.push(ct(locale, 'coord.stalledNone', { municipality: ct(locale, 'coord.allMunicipalities'), days }));
    return [text(blocks.join('\n\n'))];
  }
}
