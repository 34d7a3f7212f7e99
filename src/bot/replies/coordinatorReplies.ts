/**
 * The words and cards of the coordinators' and leads' commands, built from the data CoordinatorService
 * returns. Texts come from the coordinator catalog; the comparison and export cards from cards/.
 */
import { renderComparisonCard } from '../../../cards/comparisonCard';
import type { BotMessage } from '../../domain/messages';
import type { DeliveryProblem } from '../../domain/ports';
import { roleLabel, type Locale } from '../../domain/selbstcheck';
import type {
  CoordinatorResult,
  GrantedRole,
  ScopeLabel,
  StalledOfMunicipality,
} from '../../services/coordinatorResults';
import { exportLinkMessage } from './exportReplies';
import { type StaffTextKey, staffText } from '../../i18n/staff';

type Params = Readonly<Record<string, string | number>>;

/** The bot's reply to a coordinator command: always exactly one message today. */
export function coordinatorReplies(result: CoordinatorResult, locale: Locale): readonly BotMessage[] {
  return [coordinatorReply(result, locale)];
}

export function coordinatorReply(result: CoordinatorResult, locale: Locale): BotMessage {
  const say = (key: StaffTextKey, params: Params = {}): BotMessage => ({ text: staffText(locale, key, params) });
  switch (result.kind) {
    case 'help':
      return say('coord.help');
    case 'denied':
      return say('coord.denied');
    case 'personalOnly':
      return say('coord.personalOnly');
    case 'channelOnly':
      return say('coord.channelOnly');
    case 'remindersNeedAuth':
      return say('coord.remindersNeedAuth');
    case 'subscribeNeedsAuth':
      return say('coord.subscribeNeedsAuth');
    case 'reminders':
      return say(result.enabled ? 'coord.remindersOn' : 'coord.remindersOff');
    case 'requeued':
      return say('coord.requeued', { count: result.count });
    case 'unknownMunicipality':
      return say('coord.unknownMunicipality', { name: result.name, list: result.candidates.join(', ') });
    case 'ambiguousMunicipality':
      return say('coord.ambiguousMunicipality', { name: result.name, list: result.candidates.join(', ') });
    case 'demoMunicipality':
      return say('coord.demoMunicipality', { municipality: result.municipality });
    case 'roles':
      return { text: rolesText(result, locale) };
    case 'personUnknown':
      return say('coord.personUnknown');
    case 'roleChanged':
      return say(`coord.${result.change}`, { role: roleText(result.role, locale), who: result.who });
    case 'subscribed':
      return say('coord.subscribed', { scope: scopeText(result.scope, locale) });
    case 'unsubscribed':
      return say(result.count > 0 ? 'coord.unsubscribed' : 'coord.notSubscribed', { count: result.count });
    case 'subscriptions':
      return { text: subscriptionsText(result, locale) };
    case 'deliveries':
      return { text: deliveriesText(result, locale) };
    case 'noResults':
      return say('card.noResults', { municipality: result.municipality });
    case 'comparison':
      return renderComparisonCard({
        locale,
        municipalityName: result.municipality,
        comparison: result.comparison,
        ...(result.change ? { change: result.change } : {}),
        ...(result.dashboardUrl !== undefined ? { dashboardUrl: result.dashboardUrl } : {}),
      });
    case 'stalled':
      return { text: stalledText(result, locale) };
    case 'markComplete':
      return say(result.done ? 'coord.markedComplete' : 'coord.noOpenRound', { municipality: result.municipality });
    case 'exportUnavailable':
      return say('coord.exportUnavailable');
    case 'export':
      return exportLinkMessage(result.link, locale);
  }
}

function roleText(role: GrantedRole, locale: Locale): string {
  return role.role === 'coordinator'
    ? staffText(locale, 'coord.roleCoordinator')
    : staffText(locale, 'coord.roleLead', { municipality: role.municipality });
}

function scopeText(scope: ScopeLabel, locale: Locale): string {
  return scope.kind === 'all' ? staffText(locale, 'coord.allMunicipalities') : scope.name;
}

function rolesText(result: Extract<CoordinatorResult, { kind: 'roles' }>, locale: Locale): string {
  const count = result.bootstrapCount;
  if (result.entries.length === 0) return staffText(locale, 'coord.rolesNone', { count });
  const lines = result.entries.map((e) =>
    e.role.role === 'coordinator'
      ? staffText(locale, 'coord.roleLineCoordinator', { who: e.who })
      : staffText(locale, 'coord.roleLineLead', { municipality: e.role.municipality, who: e.who }),
  );
  return [
    `**${staffText(locale, 'coord.rolesTitle')}**`,
    ...lines,
    '',
    staffText(locale, 'coord.bootstrapCount', { count }),
  ].join('\n');
}

function subscriptionsText(result: Extract<CoordinatorResult, { kind: 'subscriptions' }>, locale: Locale): string {
  if (result.entries.length === 0) return staffText(locale, 'coord.subscriptionsNone');
  const lines = result.entries.map((s) =>
    staffText(locale, 'coord.subscriptionLine', {
      scope: scopeText(s.scope, locale),
      stale: s.stale === null ? '' : staffText(locale, 'coord.subscriptionStale', { reason: s.stale }),
    }),
  );
  return [`**${staffText(locale, 'coord.subscriptionsTitle')}**`, ...lines].join('\n');
}

/** Why a delivery is stuck, in words a coordinator can act on. */
function reasonText(d: DeliveryProblem, locale: Locale): string {
  const { lastStatus: status, lastError: error, state } = d;
  if (state === 'uncertain' || (error ?? '').startsWith('uncertain'))
    return staffText(locale, 'coord.reason.uncertain');
  if (status === 403) return staffText(locale, 'coord.reason.403');
  if (status === 404) return staffText(locale, 'coord.reason.404');
  if (status === 429) return staffText(locale, 'coord.reason.429');
  if (status !== null && status >= 500) return staffText(locale, 'coord.reason.5xx');
  if (status === null && state === 'retry_wait') return staffText(locale, 'coord.reason.network');
  return staffText(locale, 'coord.reason.other', { detail: error ?? '–' });
}

function deliveriesText(result: Extract<CoordinatorResult, { kind: 'deliveries' }>, locale: Locale): string {
  const { counts, problems } = result;
  if (counts.length === 0) return staffText(locale, 'coord.deliveriesNone');
  const kinds = [...new Set(counts.map((c) => c.kind))];
  const lines = kinds.map((kind) =>
    staffText(locale, 'coord.deliveryCount', {
      kind: staffText(locale, `coord.kind.${kind}`),
      counts: counts
        .filter((c) => c.kind === kind)
        .map((c) => `${staffText(locale, `coord.state.${c.state}`)} ${c.count}`)
        .join(', '),
    }),
  );
  const problemLines = problems.map((d) =>
    staffText(locale, 'coord.deliveryProblem', {
      state: staffText(locale, `coord.state.${d.state}`),
      kind: staffText(locale, `coord.kind.${d.kind}`),
      municipality: d.municipalityName,
      target: d.conversationId,
      attempts: d.attempts,
      reason: reasonText(d, locale),
    }),
  );
  const problemBlock =
    problemLines.length > 0 ? ['', `**${staffText(locale, 'coord.deliveryProblemsTitle')}**`, ...problemLines] : [];
  return [`**${staffText(locale, 'coord.deliveriesTitle')}**`, ...lines, ...problemBlock].join('\n');
}

function stalledText(result: Extract<CoordinatorResult, { kind: 'stalled' }>, locale: Locale): string {
  const { days } = result;
  const date = (d: Date) => d.toLocaleDateString(locale === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'Europe/Berlin' });
  const block = (m: StalledOfMunicipality): string => {
    const lines = m.stalled.map((s) =>
      staffText(locale, 'coord.stalledLine', {
        role: s.role === null ? staffText(locale, 'coord.roleUnknown') : roleLabel(s.role, locale),
        answered: s.answered,
        date: date(s.lastAnswerAt),
        reminder:
          s.remindersEnabled === false
            ? staffText(locale, 'coord.stalledNoReminders')
            : s.lastRemindedAt !== null
              ? staffText(locale, 'coord.stalledReminded', { date: date(s.lastRemindedAt) })
              : '',
      }),
    );
    return [`**${staffText(locale, 'coord.stalledTitle', { municipality: m.name, days })}**`, ...lines].join('\n');
  };
  const blocks: string[] = [];
  for (const m of result.municipalities) {
    if (m.stalled.length > 0) blocks.push(block(m));
    else if (result.showEmpty) blocks.push(staffText(locale, 'coord.stalledNone', { municipality: m.name, days }));
  }
  if (blocks.length === 0)
    blocks.push(
      staffText(locale, 'coord.stalledNone', { municipality: staffText(locale, 'coord.allMunicipalities'), days }),
    );
  return blocks.join('\n\n');
}
