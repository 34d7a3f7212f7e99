/**
 * Reply to `protokoll [<Kommune>]` / `audit [<municipality>]`: the newest entries of the audit trail as a card, with
 * the same lines as text for channels without cards. People appear as their pseudonyms only; details are worded
 * from the audit catalog (a detail this release does not know is shown as `key: value`).
 */
import type { AuditAction, AuditDetail } from '../src/domain/ports/audit';
import type { Locale } from '../src/domain/selbstcheck';
import { isStaffTextKey, staffText, type StaffTextKey } from '../src/i18n/staff';
import { card, textBlock, type CardElement, type RenderedCard } from './adaptiveCard';
import { formatBerlinMinute } from './format';

export interface AuditTrailCardEntry {
  readonly at: Date;
  readonly action: AuditAction;
  readonly actor: string | null;
  readonly subject: string | null;
  /** The municipality's name (or its id when it is not known any more). */
  readonly municipality: string | null;
  readonly detail: AuditDetail;
}

export interface AuditTrailCardInput {
  /** The municipality the trail is filtered to; null for all. */
  readonly scope: string | null;
  readonly entries: readonly AuditTrailCardEntry[];
  /** Older entries exist. */
  readonly more: boolean;
  /** The dashboard's audit page, offered as a button. */
  readonly dashboardUrl?: string;
  readonly locale: Locale;
}

/** The order details are told in; anything else follows, by key. */
const DETAIL_ORDER = ['role', 'kind', 'via', 'codeStart', 'maxUses', 'tenant', 'round', 'format', 'answersRemoved'];
/** Values are written by the service itself; still, nothing that could break the Markdown of the text. */
const plain = (value: string | number | boolean | null) =>
  String(value)
    .replace(/[`*_[\]<>\\]/g, '')
    .slice(0, 80);

/** One detail in words, e.g. "Rolle Leitung", "Code 7K3M…", "Mandant 5a4b…". */
function detailText(key: string, value: string | number | boolean | null, locale: Locale): string {
  const say = (k: StaffTextKey, params: Record<string, string | number> = {}) => staffText(locale, k, params);
  const v = plain(value);
  // Looked up by the stored value ('teams_sso'), shown cleaned when this release has no words for it.
  const worded = (prefix: string): string => {
    const k = `${prefix}.${String(value)}`;
    return isStaffTextKey(k) ? say(k) : v;
  };
  switch (key) {
    case 'role':
      return say('audit.detail.role', { role: worded('audit.detail.role') });
    case 'kind':
    case 'via':
      return worded(`audit.detail.${key}`);
    case 'codeStart':
      return say('audit.detail.codeStart', { codeStart: v });
    case 'maxUses':
    case 'answersRemoved':
      return say(`audit.detail.${key}`, { count: v });
    case 'tenant':
      return say('audit.detail.tenant', { tenant: v });
    case 'round':
      return say('audit.detail.round', { round: v });
    case 'format':
      return say('audit.detail.format', { format: v.toUpperCase() });
    default:
      return say('audit.detail.other', { key: plain(key), value: v });
  }
}

export function auditDetailText(detail: AuditDetail, locale: Locale): string {
  const rank = (k: string) => {
    const i = DETAIL_ORDER.indexOf(k);
    return i < 0 ? DETAIL_ORDER.length : i;
  };
  return Object.keys(detail)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((k) => detailText(k, detail[k] ?? null, locale))
    .join(', ');
}

/** Who, whom, where and what else, e.g. "von P-AB12CD34 · betrifft P-… · Potsdam · Rolle Leitung". */
export function auditContextText(entry: AuditTrailCardEntry, locale: Locale): string {
  const say = (k: StaffTextKey, params: Record<string, string | number> = {}) => staffText(locale, k, params);
  const details = auditDetailText(entry.detail, locale);
  return [
    say('audit.by', { who: entry.actor ?? say('audit.system') }),
    entry.subject !== null ? say('audit.about', { who: entry.subject }) : '',
    entry.municipality ?? '',
    details,
  ]
    .filter((part) => part !== '')
    .join(' · ');
}

export function renderAuditTrailCard(input: AuditTrailCardInput): RenderedCard {
  const { locale } = input;
  const say = (k: StaffTextKey, params: Record<string, string | number> = {}) => staffText(locale, k, params);
  const title = say('audit.title', { scope: input.scope ?? say('audit.scopeAll') });
  const intro = input.entries.length === 0 ? say('audit.empty') : say('audit.intro', { count: input.entries.length });
  const lines = input.entries.map((e) => ({
    when: formatBerlinMinute(e.at),
    what: say(`audit.action.${e.action}`),
    context: auditContextText(e, locale),
  }));
  const more = input.more ? say('audit.more') : '';
  const text = [
    `**${title}**`,
    '',
    intro,
    ...(lines.length > 0 ? ['', ...lines.map((l) => `- ${l.when} · **${l.what}** · ${l.context}`)] : []),
    ...(more !== '' ? ['', more] : []),
  ].join('\n');

  const body: CardElement[] = [
    textBlock(title, { weight: 'bolder', size: 'medium' }),
    textBlock(intro, { isSubtle: true, size: 'small' }),
    ...lines.map((l): CardElement => ({
      type: 'Container',
      separator: true,
      spacing: 'small',
      items: [
        {
          type: 'ColumnSet',
          columns: [
            { type: 'Column', width: 'auto', items: [textBlock(l.when, { isSubtle: true })] },
            { type: 'Column', width: 'stretch', items: [textBlock(l.what, { weight: 'bolder' })] },
          ],
        },
        textBlock(l.context, { size: 'small', spacing: 'none' }),
      ],
    })),
    ...(more !== '' ? [textBlock(more, { isSubtle: true, separator: true })] : []),
  ];
  const actions: CardElement[] =
    input.dashboardUrl !== undefined
      ? [{ type: 'Action.OpenUrl', title: say('audit.open'), url: input.dashboardUrl }]
      : [];
  return { card: card(body, actions, text), text };
}
