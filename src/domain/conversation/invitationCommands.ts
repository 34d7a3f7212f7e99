/**
 * Commands of leads and coordinators for invitation codes and members, German and English:
 *
 * - `einladen <Kommune> [leitung] [<n>]` / `invite <M> [lead] [<n>]`: a new code; `leitung`/`lead` makes it a
 *   lead code (always single-use), `<n>` (1–500) limits how often a member code can be used. Without `<n>`
 *   a member code may be used any number of times until it expires.
 * - `einladungen <Kommune>` / `invitations <M>`: the municipality's codes.
 * - `einladung widerrufen <Code-Anfang>` / `revoke invitation <start>`: revokes codes by their first group.
 * - `mitglieder <Kommune>` / `members <M>`: the members, by pseudonymous number.
 * - `mitglied entfernen <Kommune> <n>` / `remove member <M> <n>`: ends membership number n.
 *
 * Pure and linear: the text is bounded first and then split into words; no regex backtracks over it.
 * Rights, municipalities and codes are checked by the service.
 */
import { isCode, readCode, readCodeStart } from '../membership/codes';
import { normaliseCommandText } from './coordinatorCommands';
import { tooLongForCommand } from './inputBounds';

/** Highest use limit of a member code. */
export const MAX_INVITATION_USES = 500;

export type InvitationCommandName = 'invite' | 'invitations' | 'revoke' | 'members' | 'remove';

export type InvitationCommand =
  | {
      readonly kind: 'invite';
      readonly municipality: string;
      readonly role: 'member' | 'lead';
      /** Member codes only; undefined = no limit but the expiry. Lead codes are always single-use. */
      readonly maxUses?: number;
    }
  | { readonly kind: 'invitations'; readonly municipality: string }
  /** `codeStart`: the first four characters after `WK-`, in canonical spelling. */
  | { readonly kind: 'revokeInvitation'; readonly codeStart: string }
  | { readonly kind: 'members'; readonly municipality: string }
  | { readonly kind: 'removeMember'; readonly municipality: string; readonly memberNo: number }
  /**
   * Clearly one of these commands, but incomplete or malformed: answered with how to write it.
   * `limit`: the use limit is outside 1–500; `leadLimit`: a lead code was given a use limit.
   */
  | { readonly kind: 'usage'; readonly command: InvitationCommandName; readonly problem?: 'limit' | 'leadLimit' };

const LEAD_WORDS = new Set(['leitung', 'lead', 'kommunalleitung']);
/** Words people may put before a member's number, copied from the members list ("Befragte 3"). */
const MEMBER_NO_WORDS = new Set(['befragte', 'befragter', 'befragte*r', 'respondent', 'nr', 'nr.', 'no', 'no.']);

/** The command words, longest first so that `einladung widerrufen` is not read as `einladungen`. */
const HEADS: readonly (readonly [string, InvitationCommandName])[] = [
  ['einladung widerrufen', 'revoke'],
  ['revoke invitation', 'revoke'],
  ['mitglied entfernen', 'remove'],
  ['remove member', 'remove'],
  ['einladungen', 'invitations'],
  ['invitations', 'invitations'],
  ['einladen', 'invite'],
  ['invite', 'invite'],
  ['mitglieder', 'members'],
  ['members', 'members'],
];

function split(input: string): { name: InvitationCommandName; rest: string } | undefined {
  const lower = input.toLowerCase();
  for (const [head, name] of HEADS) {
    if (lower === head) return { name, rest: '' };
    if (lower.startsWith(`${head} `)) return { name, rest: input.slice(head.length + 1).trim() };
  }
  return undefined;
}

const isNumber = (word: string): boolean => /^\d{1,6}$/.test(word);

export function recogniseInvitationCommand(text: string): InvitationCommand | undefined {
  if (tooLongForCommand(text)) return undefined;
  const head = split(normaliseCommandText(text));
  if (head === undefined) return undefined;
  const { name, rest } = head;
  const usage = { kind: 'usage', command: name } as const;
  if (rest === '') return usage;
  switch (name) {
    case 'invite':
      return invite(rest);
    case 'invitations':
      return { kind: 'invitations', municipality: rest };
    case 'members':
      return { kind: 'members', municipality: rest };
    case 'revoke': {
      const start = codeStartOf(rest);
      return start === undefined ? usage : { kind: 'revokeInvitation', codeStart: start };
    }
    case 'remove':
      return removeMember(rest) ?? usage;
  }
}

/** `<Kommune> [leitung] [<n>]`, the two options in either order after the name. */
function invite(rest: string): InvitationCommand {
  const words = rest.split(' ');
  let lead = false;
  let limit: number | undefined;
  // At most the last two words are options; the municipality keeps at least one word.
  for (let i = 0; i < 2 && words.length > 1; i++) {
    const last = (words[words.length - 1] ?? '').toLowerCase();
    if (!lead && LEAD_WORDS.has(last)) lead = true;
    else if (limit === undefined && isNumber(last)) limit = Number(last);
    else break;
    words.pop();
  }
  const municipality = words.join(' ');
  if (limit !== undefined && lead) return { kind: 'usage', command: 'invite', problem: 'leadLimit' };
  if (limit !== undefined && (limit < 1 || limit > MAX_INVITATION_USES))
    return { kind: 'usage', command: 'invite', problem: 'limit' };
  if (lead) return { kind: 'invite', municipality, role: 'lead' };
  return limit === undefined
    ? { kind: 'invite', municipality, role: 'member' }
    : { kind: 'invite', municipality, role: 'member', maxUses: limit };
}

/** A code start (`7M3Q`, `WK-7M3Q`) or a whole code, whose first group is its start. */
function codeStartOf(text: string): string | undefined {
  const start = readCodeStart(text);
  if (start !== undefined) return start;
  const code = readCode(text);
  return isCode(code) && code.kind === 'invitation' ? code.start : undefined;
}

/** `<Kommune> [Befragte|Nr.|#]<n>`. */
function removeMember(rest: string): InvitationCommand | undefined {
  const words = rest.split(' ');
  if (words.length < 2) return undefined;
  const last = (words.pop() ?? '').replace(/^#/, '');
  if (!isNumber(last)) return undefined;
  if (words.length > 1 && MEMBER_NO_WORDS.has((words[words.length - 1] ?? '').toLowerCase())) words.pop();
  const memberNo = Number(last);
  if (memberNo < 1) return undefined;
  return { kind: 'removeMember', municipality: words.join(' '), memberNo };
}
