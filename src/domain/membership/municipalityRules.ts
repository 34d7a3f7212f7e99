/**
 * What a municipality record must look like when coordinators add or change one: the 16 federal states
 * (typed in many spellings, stored in one), the four kinds (German and English words), the official key
 * (8-digit Amtlicher Gemeindeschlüssel, 5-digit Kreisschlüssel for a Landkreis, both starting with the
 * state's 2-digit number), names that read well in chat and cards, and ids derived from the name.
 * Registered Microsoft Entra tenants are GUIDs. Pure: the service looks up what already exists.
 */
import { municipalityKey } from '../conversation/coordinatorCommands';
import { MUNICIPALITY_KINDS, type MunicipalityKind } from '../model';

export interface FederalState {
  /** The canonical name, as stored. */
  readonly name: string;
  /** First two digits of every official key in the state (01 Schleswig-Holstein … 16 Thüringen). */
  readonly code: string;
  /** Short form, also used to tell apart ids of equally named municipalities. */
  readonly abbreviation: string;
  /** Further spellings: abbreviations in use, English names. */
  readonly aliases: readonly string[];
}

export const FEDERAL_STATES: readonly FederalState[] = [
  { name: 'Schleswig-Holstein', code: '01', abbreviation: 'sh', aliases: [] },
  { name: 'Hamburg', code: '02', abbreviation: 'hh', aliases: ['Freie und Hansestadt Hamburg'] },
  { name: 'Niedersachsen', code: '03', abbreviation: 'ni', aliases: ['Nds', 'Lower Saxony'] },
  { name: 'Bremen', code: '04', abbreviation: 'hb', aliases: ['Freie Hansestadt Bremen'] },
  {
    name: 'Nordrhein-Westfalen',
    code: '05',
    abbreviation: 'nw',
    aliases: ['NRW', 'North Rhine-Westphalia'],
  },
  { name: 'Hessen', code: '06', abbreviation: 'he', aliases: ['Hesse'] },
  { name: 'Rheinland-Pfalz', code: '07', abbreviation: 'rp', aliases: ['RLP', 'Rhineland-Palatinate'] },
  { name: 'Baden-Württemberg', code: '08', abbreviation: 'bw', aliases: [] },
  { name: 'Bayern', code: '09', abbreviation: 'by', aliases: ['Freistaat Bayern', 'Bavaria'] },
  { name: 'Saarland', code: '10', abbreviation: 'sl', aliases: [] },
  { name: 'Berlin', code: '11', abbreviation: 'be', aliases: [] },
  { name: 'Brandenburg', code: '12', abbreviation: 'bb', aliases: [] },
  {
    name: 'Mecklenburg-Vorpommern',
    code: '13',
    abbreviation: 'mv',
    aliases: ['Mecklenburg-Western Pomerania', 'Mecklenburg-West Pomerania'],
  },
  { name: 'Sachsen', code: '14', abbreviation: 'sn', aliases: ['Freistaat Sachsen', 'Saxony'] },
  { name: 'Sachsen-Anhalt', code: '15', abbreviation: 'st', aliases: ['LSA', 'Saxony-Anhalt'] },
  { name: 'Thüringen', code: '16', abbreviation: 'th', aliases: ['Freistaat Thüringen', 'Thuringia'] },
];

/** Letters only, umlauts as ae/oe/ue or dropped ("Thuringen"), so every spelling of a name meets one key. */
function letterKeys(text: string): string[] {
  const fold = (s: string) =>
    s
      .replace(/ß/g, 'ss')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z]/g, '');
  const lower = text.toLowerCase();
  return [fold(lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue')), fold(lower)];
}

const STATE_BY_KEY: ReadonlyMap<string, FederalState> = new Map(
  FEDERAL_STATES.flatMap((s) =>
    [s.name, s.abbreviation, ...s.aliases].flatMap((spelling) => letterKeys(spelling).map((k) => [k, s] as const)),
  ),
);

/** Longest state name or spelling worth looking at. */
const MAX_STATE_TEXT = 60;

/** The state for any common spelling ("NRW", "Thueringen", "Bavaria"); undefined when it is none of the 16. */
export function federalState(text: string): FederalState | undefined {
  if (text.length > MAX_STATE_TEXT) return undefined;
  for (const key of letterKeys(text)) {
    const state = STATE_BY_KEY.get(key);
    if (state !== undefined) return state;
  }
  return undefined;
}

/** Words for the four kinds, folded by `kindKey`; the kinds' own ids count too. */
const KIND_WORDS: Readonly<Record<MunicipalityKind, readonly string[]>> = {
  gemeinde: ['gemeinde', 'ortsgemeinde', 'marktgemeinde', 'markt', 'municipality', 'village'],
  kreisangehoerige_stadt: [
    'kreisangehoerige stadt',
    'kreisangehoerig',
    'kreisangehoerige',
    'kreisangehorige stadt',
    'kreisangehorig',
    'grosse kreisstadt',
    'town within a district',
    'town in a district',
    'town',
  ],
  kreisfreie_stadt: ['kreisfreie stadt', 'kreisfrei', 'kreisfreie', 'stadtkreis', 'independent city', 'city'],
  landkreis: ['landkreis', 'kreis', 'lk', 'district', 'rural district', 'county'],
};

function kindKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

const KIND_BY_WORD: ReadonlyMap<string, MunicipalityKind> = new Map(
  MUNICIPALITY_KINDS.flatMap((kind) => [kind, ...KIND_WORDS[kind]].map((w) => [kindKey(w), kind] as const)),
);

/** The kind for a German or English word or short form ("kreisfrei", "district"); undefined otherwise. */
export function municipalityKind(text: string): MunicipalityKind | undefined {
  return text.length > MAX_STATE_TEXT ? undefined : KIND_BY_WORD.get(kindKey(text));
}

/** 5 digits (Kreisschlüssel) for a Landkreis, 8 (Amtlicher Gemeindeschlüssel) for every other kind. */
export function officialKeyDigits(kind: MunicipalityKind): 5 | 8 {
  return kind === 'landkreis' ? 5 : 8;
}

/** Spaces are allowed while typing ("12 0 54 000"); what is stored has none. */
export function normaliseOfficialKey(text: string): string {
  return text.length > MAX_STATE_TEXT ? text : text.replace(/\s+/g, '');
}

export type MunicipalityProblem =
  | { readonly kind: 'name' }
  | { readonly kind: 'kind' }
  | { readonly kind: 'state' }
  | { readonly kind: 'keyFormat'; readonly digits: 5 | 8 }
  | { readonly kind: 'keyState'; readonly prefix: string; readonly state: string };

export const MAX_NAME_LENGTH = 100;
/** Letters (any script, with accents), digits, and the punctuation German place names use. */
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} .,()'’/&-]*$/u;

/** A name with its spaces tidied, or undefined when it is empty, too long or has characters no name needs. */
export function municipalityName(text: string): string | undefined {
  if (text.length > MAX_NAME_LENGTH * 2) return undefined;
  const name = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name.length === 0 || name.length > MAX_NAME_LENGTH || !NAME_PATTERN.test(name)) return undefined;
  return slugOf(name) === '' ? undefined : name;
}

/** What a coordinator typed or sent: the kind and state as words, the key as text (null: none). */
export interface MunicipalityDraft {
  readonly name: string;
  readonly kind: string;
  readonly state: string;
  readonly officialKey: string | null;
}

export interface ValidMunicipality {
  readonly name: string;
  readonly kind: MunicipalityKind;
  /** Canonical state name. */
  readonly state: string;
  readonly officialKey: string | null;
}

export type Validation =
  | { readonly ok: true; readonly value: ValidMunicipality }
  | { readonly ok: false; readonly problem: MunicipalityProblem };

/** Checks a whole record, first problem first: name, kind, state, then the key against kind and state. */
export function validateMunicipality(draft: MunicipalityDraft): Validation {
  const name = municipalityName(draft.name);
  if (name === undefined) return { ok: false, problem: { kind: 'name' } };
  const kind = municipalityKind(draft.kind);
  if (kind === undefined) return { ok: false, problem: { kind: 'kind' } };
  const state = federalState(draft.state);
  if (state === undefined) return { ok: false, problem: { kind: 'state' } };
  const problem = draft.officialKey === null ? undefined : keyProblem(draft.officialKey, kind, state);
  if (problem !== undefined) return { ok: false, problem };
  const officialKey = draft.officialKey === null ? null : normaliseOfficialKey(draft.officialKey);
  return { ok: true, value: { name, kind, state: state.name, officialKey } };
}

/** Why a key does not fit the kind and state; undefined when it does. */
export function keyProblem(text: string, kind: MunicipalityKind, state: FederalState): MunicipalityProblem | undefined {
  const key = normaliseOfficialKey(text);
  const digits = officialKeyDigits(kind);
  if (key.length !== digits || !/^\d+$/.test(key)) return { kind: 'keyFormat', digits };
  return key.startsWith(state.code) ? undefined : { kind: 'keyState', prefix: state.code, state: state.name };
}

/** Longest id derived from a name, leaving room for a suffix within the dashboard's 64-character ids. */
const MAX_SLUG_LENGTH = 56;

/** The id part of a name: lower case, ä → ae, ß → ss, other characters as dashes, "Landkreis" as "lk". */
export function slugOf(name: string): string {
  const key = municipalityKey(name.slice(0, MAX_NAME_LENGTH * 2));
  return key.length <= MAX_SLUG_LENGTH ? key : key.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
}

/**
 * A new id for the name that no existing municipality has: the slug, else the slug with the state's short
 * form (a second "Neustadt" in Bavaria becomes "neustadt-by"), else numbered.
 */
export function newMunicipalityId(name: string, state: FederalState, taken: ReadonlySet<string>): string {
  const slug = slugOf(name);
  if (!taken.has(slug)) return slug;
  const withState = `${slug}-${state.abbreviation}`;
  if (!taken.has(withState)) return withState;
  for (let n = 2; ; n++) if (!taken.has(`${withState}-${n}`)) return `${withState}-${n}`;
}

/** Personal Microsoft accounts sign in through this tenant; registering it would let any such account in. */
export const CONSUMER_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type TenantIdCheck =
  { readonly ok: true; readonly tenantId: string } | { readonly ok: false; readonly problem: 'format' | 'consumer' };

/** A Microsoft Entra tenant id as stored (lower case); braces around it are forgiven. */
export function checkTenantId(text: string): TenantIdCheck {
  if (text.length > 80) return { ok: false, problem: 'format' };
  const id = text
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .toLowerCase();
  if (!GUID.test(id) || /^[0-]+$/.test(id)) return { ok: false, problem: 'format' };
  return id === CONSUMER_TENANT_ID ? { ok: false, problem: 'consumer' } : { ok: true, tenantId: id };
}

/** Loose GUID shape, for callers that only need to know whether a lookup can find anything. */
export const looksLikeTenantId = (text: string): boolean => text.length === 36 && GUID.test(text.toLowerCase());
