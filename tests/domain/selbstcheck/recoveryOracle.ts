/**
 * A brute-force attacker for the comparison release rule (docs/scoring.md §10). The attacker knows which
 * municipalities are behind each published figure set and whose snapshot changed between two of them (more
 * than any reader is told), and may know the scores of one municipality (their own). Scores come from a small
 * grid, so the attacker can enumerate every world: a municipality's score is recovered when all worlds that
 * produce the published figures give it the same value. Within a group the attacker cannot tell who holds
 * which value (permuting equal-role municipalities changes no figure), so the possible values of a member are
 * the distinct values of the group's multiset over all consistent worlds.
 */
import { seriesFigures, type SeriesFigures } from '../../../src/domain/selbstcheck';

export const GRID = [0, 40, 70, 100] as const;

function multisets(size: number): number[][] {
  const out: number[][] = [];
  const walk = (from: number, acc: number[]): void => {
    if (acc.length === size) return void out.push(acc);
    for (let i = from; i < GRID.length; i++) walk(i, [...acc, GRID[i]!]);
  };
  walk(0, []);
  return out;
}

const cache = new Map<number, number[][]>();
function allMultisets(size: number): number[][] {
  let m = cache.get(size);
  if (m === undefined) cache.set(size, (m = multisets(size)));
  return m;
}

const key = (f: SeriesFigures | null): string => JSON.stringify(f);

/** Published figures with the scores behind them (municipality id → score). */
export interface Published {
  readonly figures: SeriesFigures;
  readonly scores: ReadonlyMap<string, number>;
  /** Municipality id → snapshot id: tells the attacker whose contribution changed. */
  readonly basis: Readonly<Record<string, { readonly snapshot: string }>>;
}

/** Whether one published figure set lets the attacker (knowing `own`'s score) pin down another's score. */
export function recoverableFromOne(p: Published, own: string | null): boolean {
  const known = own !== null && p.scores.has(own) ? [p.scores.get(own)!] : [];
  const unknown = p.scores.size - known.length;
  if (unknown === 0) return false;
  const possible = new Set<number>();
  for (const m of allMultisets(unknown))
    if (key(seriesFigures([...m, ...known])) === key(p.figures)) m.forEach((v) => possible.add(v));
  return possible.size === 1;
}

/** Whether two consecutive published figure sets together pin down a score (an old, unchanged or new one). */
export function recoverableFromTwo(before: Published, after: Published, own: string | null): boolean {
  const unchanged = [...after.scores.keys()].filter((m) => before.basis[m]?.snapshot === after.basis[m]?.snapshot);
  const isUnchanged = new Set(unchanged);
  const known = (p: Published, group: (m: string) => boolean): number[] =>
    own !== null && p.scores.has(own) && group(own) ? [p.scores.get(own)!] : [];
  const size = (p: Published, group: (m: string) => boolean): number =>
    [...p.scores.keys()].filter((m) => group(m) && m !== own).length;
  const inU = (m: string): boolean => isUnchanged.has(m);
  const outU = (m: string): boolean => !isUnchanged.has(m);
  const knownU = known(after, inU);
  const known1 = known(before, outU);
  const known2 = known(after, outU);
  const [sizeU, size1, size2] = [size(after, inU), size(before, outU), size(after, outU)];
  const possibleU = new Set<number>();
  const possible1 = new Set<number>();
  const possible2 = new Set<number>();
  const target1 = key(before.figures);
  const target2 = key(after.figures);
  for (const u of allMultisets(sizeU)) {
    // Given the unchanged group, the old and the new contributions are independent of each other.
    const olds = allMultisets(size1).filter((o) => key(seriesFigures([...u, ...knownU, ...o, ...known1])) === target1);
    if (olds.length === 0) continue;
    const news = allMultisets(size2).filter((n) => key(seriesFigures([...u, ...knownU, ...n, ...known2])) === target2);
    if (news.length === 0) continue;
    u.forEach((v) => possibleU.add(v));
    olds.forEach((o) => o.forEach((v) => possible1.add(v)));
    news.forEach((n) => n.forEach((v) => possible2.add(v)));
  }
  return (
    (sizeU > 0 && possibleU.size === 1) || (size1 > 0 && possible1.size === 1) || (size2 > 0 && possible2.size === 1)
  );
}
