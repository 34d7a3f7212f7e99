/**
 * Commands of coordinators and municipal leads, German and English. Pure: the service checks
 * the role and resolves municipalities and people. Runs before the self-check commands, so it only claims
 * messages that clearly are coordinator commands (mostly with an argument).
 */

import { stripTrailing, tooLongForCommand } from './inputBounds';

/** Someone named in a command: a Teams @mention (resolved by the bot) or an id typed out. */
export type PersonRef =
  { readonly kind: 'mention'; readonly name: string } | { readonly kind: 'id'; readonly value: string };
export type GrantedRole = 'coordinator' | 'lead';
export type ExportFormat = 'pdf' | 'csv' | 'json';

export type CoordinatorCommand =
  | { kind: 'coordinatorHelp' }
  | { kind: 'roles' }
  | { kind: 'grant'; role: GrantedRole; municipality?: string; person: PersonRef }
  | { kind: 'revoke'; role: GrantedRole; municipality?: string; person: PersonRef }
  | { kind: 'subscribe'; municipality: string }
  | { kind: 'unsubscribe'; municipality?: string }
  | { kind: 'subscriptions' }
  | { kind: 'deliveries' }
  | { kind: 'retryDeliveries' }
  | { kind: 'compare'; municipality: string }
  | { kind: 'stalled'; municipality?: string }
  | { kind: 'reminders'; enabled: boolean }
  | { kind: 'markComplete'; municipality: string }
  | { kind: 'export'; municipality: string; format: ExportFormat };

/** Keeps a mention as `<at>name</at>`; removes the other markup Teams adds, folds case and spaces. */
export function normaliseCommandText(text: string): string {
  const spaced = text
    .replace(/&nbsp;/g, ' ')
    .normalize('NFC')
    .replace(/\s+/g, ' ');
  // A loop, not /[!.;]+$/: that regex is quadratic on a long run of '!' that is not at the end.
  return stripTrailing(spaced, '!.;').trim();
}

const ALL = new Set(['alle', 'all', 'alles', '*']);
export const isAll = (arg: string): boolean => ALL.has(arg.trim().toLowerCase());

const COORDINATOR_WORDS: Record<string, GrantedRole> = {
  koordination: 'coordinator',
  koordinator: 'coordinator',
  koordinatorin: 'coordinator',
  'koordinator*in': 'coordinator',
  coordinator: 'coordinator',
  lead: 'lead',
  leitung: 'lead',
  kommunalleitung: 'lead',
};

function parsePerson(raw: string): PersonRef | undefined {
  const mention = /^<at>([^<]+)<\/at>$/i.exec(raw.trim());
  if (mention) return { kind: 'mention', name: (mention[1] ?? '').trim() };
  const id = raw.trim();
  return /^(aad:[0-9a-z-]+:)?[0-9a-z-]{8,64}$/i.test(id) ? { kind: 'id', value: id } : undefined;
}

/** `lead <Kommune> <person>` or `koordination <person>`; the person is the last token (a mention may contain spaces). */
function parseGrant(rest: string): { role: GrantedRole; municipality?: string; person: PersonRef } | undefined {
  const m = /^(\S+)\s+(.+)$/u.exec(rest);
  if (!m) return undefined;
  const role = COORDINATOR_WORDS[(m[1] ?? '').toLowerCase()];
  if (role === undefined) return undefined;
  const tail = (m[2] ?? '').trim();
  const mention = /^(.*?)\s*(<at>[^<]+<\/at>)$/i.exec(tail);
  const [before, personText] = mention ? [mention[1] ?? '', mention[2] ?? ''] : splitLast(tail);
  const person = parsePerson(personText);
  if (person === undefined) return undefined;
  const municipality = before.trim();
  if (role === 'lead') return municipality === '' ? undefined : { role, municipality, person };
  return municipality === '' ? { role, person } : undefined;
}

function splitLast(s: string): [string, string] {
  const i = s.lastIndexOf(' ');
  return i < 0 ? ['', s] : [s.slice(0, i), s.slice(i + 1)];
}

const FORMATS = new Set<ExportFormat>(['pdf', 'csv', 'json']);

export function recogniseCoordinatorCommand(text: string): CoordinatorCommand | undefined {
  // The bot's own @mention is removed by the bot; any mention left is a person named in the command.
  if (tooLongForCommand(text)) return undefined;
  const input = normaliseCommandText(text);
  const lower = input.toLowerCase();
  const word = (re: RegExp): string | undefined => {
    const m = re.exec(input);
    return m ? (m[1] ?? '').trim() : undefined;
  };
  if (
    [
      'koordination',
      'koordination hilfe',
      'hilfe koordination',
      'coordinators',
      'coordinator help',
      'help coordinators',
    ].includes(lower)
  )
    return { kind: 'coordinatorHelp' };
  if (['rollen', 'roles', 'rollen anzeigen', 'list roles'].includes(lower)) return { kind: 'roles' };
  if (['abos', 'abonnements', 'subscriptions'].includes(lower)) return { kind: 'subscriptions' };
  if (['zustellungen', 'deliveries', 'zustellung', 'delivery status'].includes(lower)) return { kind: 'deliveries' };
  if (['zustellungen wiederholen', 'retry deliveries', 'retry failed'].includes(lower))
    return { kind: 'retryDeliveries' };
  if (['erinnerungen aus', 'reminders off', 'keine erinnerungen', 'erinnerung aus'].includes(lower))
    return { kind: 'reminders', enabled: false };
  if (['erinnerungen an', 'erinnerungen ein', 'reminders on', 'erinnerung an'].includes(lower))
    return { kind: 'reminders', enabled: true };
  if (['wer fehlt', 'wer fehlt noch', 'stalled', 'who is missing'].includes(lower)) return { kind: 'stalled' };
  if (['abbestellen', 'unsubscribe', 'abo beenden'].includes(lower)) return { kind: 'unsubscribe' };

  const grant = word(/^(?:rolle|grant|vergeben)\s+(.+)$/iu);
  if (grant !== undefined) {
    const g = parseGrant(grant);
    return g ? { kind: 'grant', ...g } : undefined;
  }
  const revoke = word(/^(?:entziehen|revoke|rolle entziehen)\s+(.+)$/iu);
  if (revoke !== undefined) {
    const g = parseGrant(revoke);
    return g ? { kind: 'revoke', ...g } : undefined;
  }
  const subscribe = word(/^(?:abonnieren|subscribe|abo)\s+(.+)$/iu);
  if (subscribe !== undefined) return { kind: 'subscribe', municipality: subscribe };
  const unsubscribe = word(/^(?:abbestellen|unsubscribe)\s+(.+)$/iu);
  if (unsubscribe !== undefined) return { kind: 'unsubscribe', municipality: unsubscribe };
  const compare = word(/^(?:vergleich|vergleichen|compare|comparison)\s+(.+)$/iu);
  if (compare !== undefined) return { kind: 'compare', municipality: compare };
  const stalled = word(/^(?:wer fehlt(?: noch)?|stalled)\s+(?:in\s+)?(.+)$/iu);
  if (stalled !== undefined) return { kind: 'stalled', municipality: stalled };
  const complete = word(/^(?:abschluss|als abgeschlossen markieren|mark complete|complete assessment)\s+(.+)$/iu);
  if (complete !== undefined) return { kind: 'markComplete', municipality: complete };
  const exp = /^(?:export|exportieren|exportiere)\s+(.+?)(?:\s+(pdf|csv|json))?$/iu.exec(input);
  if (exp) {
    const format = (exp[2] ?? 'pdf').toLowerCase() as ExportFormat;
    return FORMATS.has(format) ? { kind: 'export', municipality: (exp[1] ?? '').trim(), format } : undefined;
  }
  return undefined;
}

/** Forgiving key for municipality names: case, umlauts (ä = ae), accents, punctuation and 'Landkreis' = 'LK'. */
export function municipalityKey(text: string, umlautsAsE = true): string {
  const lower = text.toLowerCase();
  return (umlautsAsE ? lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue') : lower)
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^landkreis(?=-|$)/, 'lk');
}

export type MunicipalityMatch<M> =
  | { readonly kind: 'one'; readonly municipality: M }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly M[] };

/** Exact key match on id or name first, then a unique prefix ("Teltow" finds "Landkreis Teltow-Fläming"). */
export function matchMunicipality<M extends { readonly id: string; readonly name: string }>(
  input: string,
  all: readonly M[],
): MunicipalityMatch<M> {
  const key = municipalityKey(input);
  if (key === '') return { kind: 'none' };
  // "Lubeck" (umlaut dropped) as well as "Luebeck" and "Lübeck".
  const keysOf = (m: M) => [municipalityKey(m.id), municipalityKey(m.name), municipalityKey(m.name, false)];
  const exact = all.filter((m) => keysOf(m).includes(key));
  if (exact.length === 1 && exact[0]) return { kind: 'one', municipality: exact[0] };
  const partial = all.filter((m) => keysOf(m).some((k) => k.startsWith(key) || k.includes(`-${key}`)));
  if (partial.length === 1 && partial[0]) return { kind: 'one', municipality: partial[0] };
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial };
  return { kind: 'none' };
}
