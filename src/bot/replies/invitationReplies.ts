/**
 * The words of the invitation and member commands, built from what InvitationService returns. A new code
 * comes as two messages: a note for the person who asked, and the invitation itself, ready to forward as it
 * is. Members appear only as "Befragte <n> · <function>", never by id or name.
 */
import type { BotMessage } from '../../domain/messages';
import { roleLabel, type Locale } from '../../domain/selbstcheck';
import { staffText, type StaffTextKey } from '../../i18n/staff';
import type { InvitationEntry, InvitationResult, MemberEntry } from '../../services/invitationResults';

type Params = Readonly<Record<string, string | number>>;

/** Date and time in German time: a code expires at the moment it was made, `ttlDays` later. */
function when(d: Date, locale: Locale): string {
  return d.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  });
}

export function invitationReplies(result: InvitationResult, locale: Locale): readonly BotMessage[] {
  const t = (key: StaffTextKey, params: Params = {}): string => staffText(locale, key, params);
  const say = (key: StaffTextKey, params: Params = {}): readonly BotMessage[] => [{ text: t(key, params) }];
  switch (result.kind) {
    case 'denied':
      return say('invitations.denied');
    case 'personalOnly':
      return say('invitations.personalOnly');
    case 'usage':
      if (result.problem === 'limit') return say('invitations.usage.limit');
      if (result.problem === 'leadLimit') return say('invitations.usage.leadLimit');
      return say('invitations.help');
    case 'unknownMunicipality':
      return say('invitations.unknownMunicipality', { name: result.name, list: result.candidates.join(', ') });
    case 'ambiguousMunicipality':
      return say('invitations.ambiguousMunicipality', { name: result.name, list: result.candidates.join(', ') });
    case 'noCodes':
      return say(result.reason === 'archived' ? 'invitations.noCodes.archived' : 'invitations.noCodes.demo', {
        municipality: result.municipality,
      });
    case 'created': {
      const params = {
        municipality: result.municipality,
        code: result.code,
        date: when(result.expiresAt, locale),
        link: result.link,
        uses:
          result.maxUses === null
            ? t('invitations.uses.unlimited')
            : t('invitations.uses.limited', { max: result.maxUses }),
      };
      const lead = result.role === 'lead';
      return [
        { text: t(lead ? 'invitations.created.lead' : 'invitations.created.member', params) },
        { text: t(lead ? 'invitations.text.lead' : 'invitations.text.member', params) },
      ];
    }
    case 'invitations':
      return [{ text: invitationsText(result.municipality, result.entries, locale) }];
    case 'revoked':
      return say(result.count > 0 ? 'invitations.revoked' : 'invitations.revokedNone', { count: result.count });
    case 'members':
      return [{ text: membersText(result.municipality, result.members, locale) }];
    case 'memberRemoved':
      return say('invitations.memberRemoved', {
        no: result.memberNo,
        municipality: result.municipality,
        count: result.answersRemoved,
      });
    case 'noSuchMember':
      return say('invitations.noSuchMember', { no: result.memberNo, municipality: result.municipality });
    case 'leadMember':
      return say('invitations.leadMember', { no: result.memberNo, municipality: result.municipality });
  }
}

function invitationsText(municipality: string, entries: readonly InvitationEntry[], locale: Locale): string {
  if (entries.length === 0) return staffText(locale, 'invitations.list.none', { municipality });
  const lines = entries.map((e) =>
    staffText(locale, 'invitations.list.line', {
      start: e.codeStart,
      role: staffText(locale, e.role === 'lead' ? 'invitations.role.lead' : 'invitations.role.member'),
      uses:
        e.maxUses === null
          ? staffText(locale, 'invitations.usesCount', { uses: e.uses })
          : staffText(locale, 'invitations.usesOf', { uses: e.uses, max: e.maxUses }),
      date: when(e.expiresAt, locale),
      state: staffText(locale, `invitations.state.${e.state}`),
    }),
  );
  const example = entries.find((e) => e.state === 'valid')?.codeStart ?? entries[0]?.codeStart ?? '7M3Q';
  return [
    staffText(locale, 'invitations.list.title', { municipality }),
    '',
    ...lines,
    '',
    staffText(locale, 'invitations.list.hint', { example }),
  ].join('\n');
}

/** "Befragte 3 · Integrationsbeauftragte*r": the pseudonymous label of a member. */
export function memberLabel(member: Pick<MemberEntry, 'memberNo' | 'role'>, locale: Locale): string {
  return staffText(locale, 'invitations.members.label', {
    no: member.memberNo,
    function:
      member.role === null ? staffText(locale, 'invitations.members.roleUnknown') : roleLabel(member.role, locale),
  });
}

function membersText(municipality: string, members: readonly MemberEntry[], locale: Locale): string {
  if (members.length === 0) return staffText(locale, 'invitations.members.none', { municipality });
  const lines = members.map((m) =>
    staffText(locale, 'invitations.members.line', {
      label: memberLabel(m, locale),
      joined: staffText(locale, `invitations.members.joined.${m.joined}`),
      answers:
        m.answersInCurrentRound > 0
          ? staffText(locale, 'invitations.members.answers', { count: m.answersInCurrentRound })
          : '',
    }),
  );
  return [
    staffText(locale, 'invitations.members.title', { municipality }),
    '',
    ...lines,
    '',
    staffText(locale, 'invitations.members.hint', { municipality }),
  ].join('\n');
}
