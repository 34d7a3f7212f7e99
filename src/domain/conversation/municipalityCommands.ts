/**
 * Coordinators' commands for municipalities and their registered Microsoft Entra tenants, German and
 * English. Pure and shallow: it splits the message into its parts; the service checks the role, finds the
 * municipality and validates kind, state, key and tenant id (so the dashboard gets the same checks).
 *
 *   kommunen | municipalities                                     list (with kind, state, key, archived)
 *   kommune anlegen <Name>; <Art>; <Bundesland>[; <Schlüssel>]    municipality add <name>; <kind>; <state>[; <key>]
 *   kommune umbenennen <Kommune>; <neuer Name>                   municipality rename <m>; <new name>
 *   kommune art <Kommune>; <Art>[; <Schlüssel|keiner>]           municipality kind <m>; <kind>[; <key|none>]
 *   kommune land <Kommune>; <Bundesland>[; <Schlüssel|keiner>]   municipality state <m>; <state>[; <key|none>]
 *   kommune schlüssel <Kommune>; <Schlüssel|keiner>              municipality key <m>; <key|none>
 *   kommune archivieren <Kommune>                                municipality archive <m>
 *   kommune wiederherstellen <Kommune>                           municipality restore <m>
 *   mandant <Kommune> <Tenant-ID>                                tenant <m> <id>
 *   mandanten [<Kommune>]                                        tenants [<m>]
 *   mandant entfernen <Kommune> <Tenant-ID>                      tenant remove <m> <id>
 *
 * Parts are separated by semicolons; a message without any may use commas instead. A recognised command
 * word with parts missing becomes `usage`, so the person is shown the right form instead of the FAQ.
 */
import { normaliseCommandText } from './coordinatorCommands';
import { tooLongForCommand } from './inputBounds';

export type MunicipalityUsage = 'add' | 'rename' | 'kind' | 'state' | 'key' | 'archive' | 'restore' | 'tenant';

export type MunicipalityCommand =
  | { readonly kind: 'municipalityHelp' }
  | { readonly kind: 'usage'; readonly topic: MunicipalityUsage }
  | { readonly kind: 'listMunicipalities' }
  | {
      readonly kind: 'addMunicipality';
      readonly name: string;
      readonly municipalityKind: string;
      readonly state: string;
      readonly officialKey: string | null;
    }
  | { readonly kind: 'renameMunicipality'; readonly municipality: string; readonly name: string }
  | {
      readonly kind: 'setKind';
      readonly municipality: string;
      readonly municipalityKind: string;
      /** Undefined: keep the key; null: remove it. */
      readonly officialKey?: string | null;
    }
  | {
      readonly kind: 'setState';
      readonly municipality: string;
      readonly state: string;
      readonly officialKey?: string | null;
    }
  | { readonly kind: 'setKey'; readonly municipality: string; readonly officialKey: string | null }
  | { readonly kind: 'archive'; readonly municipality: string }
  | { readonly kind: 'restore'; readonly municipality: string }
  | { readonly kind: 'registerTenant'; readonly municipality: string; readonly tenantId: string }
  | { readonly kind: 'removeTenant'; readonly municipality: string; readonly tenantId: string }
  | { readonly kind: 'listTenants'; readonly municipality?: string };

type Verb = 'add' | 'rename' | 'kind' | 'state' | 'key' | 'archive' | 'restore';

const VERBS: Readonly<Record<string, Verb>> = {
  anlegen: 'add',
  neu: 'add',
  hinzufügen: 'add',
  hinzufuegen: 'add',
  erstellen: 'add',
  add: 'add',
  new: 'add',
  create: 'add',
  umbenennen: 'rename',
  rename: 'rename',
  art: 'kind',
  typ: 'kind',
  kind: 'kind',
  type: 'kind',
  land: 'state',
  bundesland: 'state',
  state: 'state',
  schlüssel: 'key',
  schluessel: 'key',
  ags: 'key',
  key: 'key',
  archivieren: 'archive',
  archive: 'archive',
  wiederherstellen: 'restore',
  reaktivieren: 'restore',
  restore: 'restore',
  unarchive: 'restore',
};

const LIST = new Set(['kommunen', 'kommunen anzeigen', 'alle kommunen', 'municipalities', 'list municipalities']);
const HELP = new Set([
  'kommunen hilfe',
  'hilfe kommunen',
  'kommune hilfe',
  'mandanten hilfe',
  'municipalities help',
  'help municipalities',
  'municipality help',
  'tenants help',
]);
/** Words that clear the official key. */
const NO_KEY = new Set(['keiner', 'kein', 'keine', 'none', 'no key', 'ohne', '-', '–']);

const keyOrNone = (text: string): string | null => (NO_KEY.has(text.toLowerCase()) ? null : text);

/** Semicolons separate the parts; without any, commas do (names with commas then need semicolons). */
function parts(rest: string): string[] {
  const separator = rest.includes(';') ? ';' : ',';
  return rest.split(separator).map((p) => p.trim());
}

const filled = (ps: readonly string[], min: number, max: number): boolean =>
  ps.length >= min && ps.length <= max && ps.every((p) => p !== '');

function municipalityVerb(verb: Verb, rest: string): MunicipalityCommand {
  const ps = parts(rest);
  const [a = '', b = '', c, d] = ps;
  const usage = { kind: 'usage', topic: verb } as const;
  switch (verb) {
    case 'add':
      return filled(ps, 3, 4)
        ? { kind: 'addMunicipality', name: a, municipalityKind: b, state: c ?? '', officialKey: keyOrNone(d ?? '-') }
        : usage;
    case 'rename':
      return filled(ps, 2, 2) ? { kind: 'renameMunicipality', municipality: a, name: b } : usage;
    case 'kind':
      return filled(ps, 2, 3)
        ? {
            kind: 'setKind',
            municipality: a,
            municipalityKind: b,
            ...(c === undefined ? {} : { officialKey: keyOrNone(c) }),
          }
        : usage;
    case 'state':
      return filled(ps, 2, 3)
        ? { kind: 'setState', municipality: a, state: b, ...(c === undefined ? {} : { officialKey: keyOrNone(c) }) }
        : usage;
    case 'key':
      return filled(ps, 2, 2) ? { kind: 'setKey', municipality: a, officialKey: keyOrNone(b) } : usage;
    case 'archive':
    case 'restore':
      return rest.trim() === '' ? usage : { kind: verb, municipality: rest.trim() };
  }
}

/** `<Kommune> <Tenant-ID>`: the id is the last word, the municipality everything before it. */
function municipalityAndTenant(rest: string): { municipality: string; tenantId: string } | undefined {
  const trimmed = rest.trim();
  const i = trimmed.lastIndexOf(' ');
  if (i <= 0) return undefined;
  const municipality = trimmed.slice(0, i).trim();
  const tenantId = trimmed.slice(i + 1);
  return municipality === '' ? undefined : { municipality, tenantId };
}

const TENANT_REMOVE = new Set(['entfernen', 'löschen', 'loeschen', 'remove', 'delete']);
const TENANT_ADD = new Set(['hinzufügen', 'hinzufuegen', 'registrieren', 'add', 'register']);

function tenantCommand(rest: string): MunicipalityCommand {
  const m = /^(\S+)(?:\s+(.*))?$/u.exec(rest);
  const first = (m?.[1] ?? '').toLowerCase();
  const remove = TENANT_REMOVE.has(first);
  const args = remove || TENANT_ADD.has(first) ? (m?.[2] ?? '') : rest;
  const parsed = municipalityAndTenant(args);
  if (parsed === undefined) return { kind: 'usage', topic: 'tenant' };
  return { kind: remove ? 'removeTenant' : 'registerTenant', ...parsed };
}

export function recogniseMunicipalityCommand(text: string): MunicipalityCommand | undefined {
  if (tooLongForCommand(text)) return undefined;
  const input = normaliseCommandText(text);
  const lower = input.toLowerCase();
  if (HELP.has(lower)) return { kind: 'municipalityHelp' };
  if (LIST.has(lower)) return { kind: 'listMunicipalities' };

  const municipality = /^(?:kommune|municipality)\s+(\S+)(?:\s+(.*))?$/iu.exec(input);
  if (municipality) {
    const verb = VERBS[(municipality[1] ?? '').toLowerCase()];
    return verb === undefined ? undefined : municipalityVerb(verb, municipality[2] ?? '');
  }
  const tenants = /^(?:mandanten|tenants)(?:\s+(.*))?$/iu.exec(input);
  if (tenants) {
    const name = (tenants[1] ?? '').trim();
    return name === '' ? { kind: 'listTenants' } : { kind: 'listTenants', municipality: name };
  }
  const tenant = /^(?:mandant|tenant)(?:\s+(.*))?$/iu.exec(input);
  if (tenant) return tenantCommand((tenant[1] ?? '').trim());
  return undefined;
}
