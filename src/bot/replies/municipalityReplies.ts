/**
 * The words of the municipality and tenant commands, from the data MunicipalityAdminService returns. Texts
 * come from the municipality catalog; names and tenant ids are shown as stored.
 */
import type { BotMessage } from '../../domain/messages';
import type { Municipality, MunicipalityKind } from '../../domain/model';
import type { MunicipalityAdminResult, TenantListing } from '../../services/municipalityAdminResults';
import { staffText, type StaffLocale, type StaffTextKey } from '../../i18n/staff';

type Params = Readonly<Record<string, string | number>>;

/** Lines of a list in one message; more are counted and left to the dashboard (Teams caps a message's size). */
const MAX_LINES = 150;

export function municipalityReplies(result: MunicipalityAdminResult, locale: StaffLocale): readonly BotMessage[] {
  return [{ text: municipalityReplyText(result, locale) }];
}

export function kindLabel(kind: MunicipalityKind, locale: StaffLocale): string {
  return staffText(locale, `municipalityAdmin.kind.${kind}`);
}

export function municipalityReplyText(result: MunicipalityAdminResult, locale: StaffLocale): string {
  const say = (key: StaffTextKey, params: Params = {}) => staffText(locale, key, params);
  const named = (key: StaffTextKey, m: Municipality, params: Params = {}) => say(key, { name: m.name, ...params });
  switch (result.kind) {
    case 'help':
      return say('municipalityAdmin.help');
    case 'usage':
      return say(`municipalityAdmin.usage.${result.topic}`);
    case 'denied':
      return say('municipalityAdmin.denied');
    case 'list':
      return listText(result.municipalities, locale);
    case 'unknownMunicipality':
      return result.candidates.length === 0
        ? say('municipalityAdmin.unknown', { name: result.name })
        : say('municipalityAdmin.unknownKnown', { name: result.name, list: result.candidates.join(', ') });
    case 'ambiguousMunicipality':
      return say('municipalityAdmin.ambiguous', { name: result.name, list: result.candidates.join(', ') });
    case 'invalid': {
      const p = result.problem;
      if (p.kind === 'keyFormat')
        return say('municipalityAdmin.invalid.keyFormat', {
          digits: p.digits,
          which: say(`municipalityAdmin.keyWhich.${p.digits}`),
        });
      if (p.kind === 'keyState') return say('municipalityAdmin.invalid.keyState', { state: p.state, prefix: p.prefix });
      return say(`municipalityAdmin.invalid.${p.kind}`);
    }
    case 'duplicateName':
      return named(
        result.existing.archived ? 'municipalityAdmin.duplicateNameArchived' : 'municipalityAdmin.duplicateName',
        result.existing,
        { state: result.existing.state },
      );
    case 'duplicateKey':
      return named('municipalityAdmin.duplicateKey', result.existing, { key: result.existing.officialKey ?? '' });
    case 'demoLocked':
      return named('municipalityAdmin.demoLocked', result.municipality);
    case 'isArchived':
      return named('municipalityAdmin.isArchived', result.municipality);
    case 'created': {
      const m = result.municipality;
      return named('municipalityAdmin.created', m, {
        kind: kindLabel(m.kind, locale),
        state: m.state,
        key: keyText(m, locale),
        id: m.id,
      });
    }
    case 'updated':
      return named('municipalityAdmin.updated', result.municipality, {
        changes: changesText(result.before, result.municipality, locale),
      });
    case 'unchanged':
      return named('municipalityAdmin.unchanged', result.municipality);
    case 'archived':
      return named(
        result.already ? 'municipalityAdmin.alreadyArchived' : 'municipalityAdmin.archived',
        result.municipality,
      );
    case 'restored':
      return named(
        result.already ? 'municipalityAdmin.notArchived' : 'municipalityAdmin.restored',
        result.municipality,
      );
    case 'invalidTenantId':
      return say(`municipalityAdmin.tenantInvalid.${result.problem}`);
    case 'tenantRegistered': {
      const text = named(
        result.added ? 'municipalityAdmin.tenantRegistered' : 'municipalityAdmin.tenantAlready',
        result.municipality,
        { tenant: result.tenantId },
      );
      return result.alsoFor.length === 0
        ? text
        : `${text}\n\n${say('municipalityAdmin.tenantAlsoFor', { list: result.alsoFor.join(', ') })}`;
    }
    case 'tenantRemoved':
      return named(
        result.removed ? 'municipalityAdmin.tenantRemoved' : 'municipalityAdmin.tenantNotRegistered',
        result.municipality,
        { tenant: result.tenantId },
      );
    case 'tenants':
      return tenantsText(result.municipality, result.tenants, locale);
    case 'conflict':
      return say('municipalityAdmin.conflict');
  }
}

function keyText(m: Municipality, locale: StaffLocale): string {
  return m.officialKey === null
    ? staffText(locale, 'municipalityAdmin.keyNone')
    : staffText(locale, 'municipalityAdmin.keyLabel', { key: m.officialKey });
}

function flagsText(m: Municipality, locale: StaffLocale): string {
  return (
    (m.archived ? staffText(locale, 'municipalityAdmin.listArchived') : '') +
    (m.demo ? staffText(locale, 'municipalityAdmin.listDemo') : '')
  );
}

function listText(
  municipalities: readonly (Municipality & { readonly tenants: readonly string[] })[],
  locale: StaffLocale,
): string {
  if (municipalities.length === 0) return staffText(locale, 'municipalityAdmin.listNone');
  const lines = municipalities.slice(0, MAX_LINES).map((m) =>
    staffText(locale, 'municipalityAdmin.listLine', {
      name: m.name,
      kind: kindLabel(m.kind, locale),
      state: m.state,
      key: keyText(m, locale),
      id: m.id,
      tenants:
        m.tenants.length === 0 ? '' : staffText(locale, 'municipalityAdmin.listTenants', { count: m.tenants.length }),
      flags: flagsText(m, locale),
    }),
  );
  const more = municipalities.length - lines.length;
  return [
    staffText(locale, 'municipalityAdmin.listTitle', { count: municipalities.length }),
    '',
    ...lines,
    ...(more > 0 ? ['', staffText(locale, 'municipalityAdmin.listMore', { count: more })] : []),
  ].join('\n');
}

function changesText(before: Municipality, after: Municipality, locale: StaffLocale): string {
  const say = (key: StaffTextKey, params: Params) => staffText(locale, key, params);
  const parts: string[] = [];
  if (before.name !== after.name)
    parts.push(say('municipalityAdmin.change.name', { from: before.name, to: after.name }));
  if (before.kind !== after.kind)
    parts.push(
      say('municipalityAdmin.change.kind', { from: kindLabel(before.kind, locale), to: kindLabel(after.kind, locale) }),
    );
  if (before.state !== after.state)
    parts.push(say('municipalityAdmin.change.state', { from: before.state, to: after.state }));
  if (before.officialKey !== after.officialKey)
    parts.push(say('municipalityAdmin.change.key', { from: keyText(before, locale), to: keyText(after, locale) }));
  return parts.join(', ');
}

function tenantsText(
  municipality: Municipality | null,
  tenants: readonly TenantListing[],
  locale: StaffLocale,
): string {
  if (tenants.length === 0)
    return municipality === null
      ? staffText(locale, 'municipalityAdmin.tenantsNone')
      : staffText(locale, 'municipalityAdmin.tenantsNoneOf', { name: municipality.name });
  const date = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    timeZone: 'Europe/Berlin',
  });
  const title =
    municipality === null
      ? staffText(locale, 'municipalityAdmin.tenantsTitle', { count: tenants.length })
      : staffText(locale, 'municipalityAdmin.tenantsTitleOf', { name: municipality.name, count: tenants.length });
  const lines = tenants.slice(0, MAX_LINES).map((t) =>
    staffText(locale, 'municipalityAdmin.tenantLine', {
      tenant: t.tenantId,
      name: t.municipality.name,
      date: date.format(t.createdAt),
      flags: flagsText(t.municipality, locale),
    }),
  );
  const more = tenants.length - lines.length;
  return [
    title,
    '',
    ...lines,
    ...(more > 0 ? ['', staffText(locale, 'municipalityAdmin.listMore', { count: more })] : []),
  ].join('\n');
}
