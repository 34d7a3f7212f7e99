/**
 * The municipality a coordinator or lead names in a command, resolved the same way for every command
 * topic. Someone with no such role anywhere is refused before the name is even looked at; a lead gets the
 * same refusal for unknown names and for other municipalities, so a refusal never tells whether a
 * municipality exists. Only coordinators hear "unknown" or "ambiguous", with the open, real municipalities
 * as candidates.
 */
import { matchMunicipality } from '../conversation/coordinatorCommands';
import type { Municipality } from '../model';
import { isCoordinator, leadMunicipalities, type Principal } from './policy';

export type NamedTarget =
  | { readonly kind: 'found'; readonly municipality: Municipality }
  | { readonly kind: 'denied' }
  | { readonly kind: 'unknown'; readonly candidates: readonly string[] }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] };

const DENIED: NamedTarget = { kind: 'denied' };

/**
 * @param all the municipalities a name may refer to (archived ones included where they can be named)
 * @param mayAct whether the principal may act on the one municipality the name matched
 */
export function namedTarget(
  name: string,
  all: readonly Municipality[],
  p: Principal,
  mayAct: (m: Municipality) => boolean,
): NamedTarget {
  const coordinator = isCoordinator(p);
  if (!coordinator && leadMunicipalities(p).length === 0) return DENIED;
  const match = matchMunicipality(name, all);
  if (match.kind === 'one')
    return mayAct(match.municipality) ? { kind: 'found', municipality: match.municipality } : DENIED;
  if (!coordinator) return DENIED;
  return match.kind === 'none'
    ? { kind: 'unknown', candidates: all.filter((m) => !m.demo && !m.archived).map((m) => m.name) }
    : { kind: 'ambiguous', candidates: match.candidates.map((m) => m.name) };
}
