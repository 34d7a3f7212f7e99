/**
 * Which comparison figures may be released (docs/scoring.md §10). Figures about other municipalities come
 * only from snapshots of closed rounds, are median and quartiles over at least five municipalities with a
 * spread between the quartiles, and change only when enough municipalities changed since the figures last
 * published — so neither one release nor the difference of two consecutive ones pins down one municipality's
 * score (property-tested in tests/domain/selbstcheck/comparisonRelease.test.ts).
 */
import { FIELD_IDS } from './labels';
import { round1 } from './scale';
import type { FieldId } from './types';

export type SeriesId = FieldId | 'overall';
export const SERIES_IDS: readonly SeriesId[] = [...FIELD_IDS, 'overall'];

/** A series is shown only over at least this many municipalities. */
export const MIN_COMPARISON_GROUP = 5;
/** A new release needs at least this many rounds closed since the previous release. */
export const MIN_CLOSES_BETWEEN_RELEASES = 2;

/** One closed round's scores (0–100 shares, null where the round has no score). */
export interface SnapshotScores {
  readonly municipalityId: string;
  readonly snapshotId: string;
  readonly closedAt: Date;
  readonly scores: Readonly<Record<SeriesId, number | null>>;
}

export interface SeriesFigures {
  readonly median: number;
  readonly lowerQuartile: number;
  readonly upperQuartile: number;
  /** How many municipalities the figures are over. */
  readonly municipalities: number;
}

/** One municipality's contribution to published figures. */
export interface BasisEntry {
  readonly snapshot: string;
  readonly score: number;
}

export interface SeriesRelease {
  /** What readers see; null when nothing has ever qualified. */
  readonly figures: SeriesFigures | null;
  /** Municipality id → the contribution behind `figures` (kept server-side only: readers never see it). */
  readonly basis: Readonly<Record<string, BasisEntry>> | null;
}

export interface ReleaseContent {
  /** The newest close included; rounds closed later count towards the next release. */
  readonly closedUpTo: Date;
  readonly series: Readonly<Record<SeriesId, SeriesRelease>>;
}

/** Quantile with linear interpolation between closest ranks (as spreadsheet QUARTILE.INC). */
export function quantile(sortedAscending: readonly number[], p: number): number {
  const n = sortedAscending.length;
  if (n === 0) throw new Error('quantile of an empty list');
  const h = (n - 1) * p;
  const lower = Math.floor(h);
  const upper = Math.ceil(h);
  const lo = sortedAscending[lower] ?? 0;
  const hi = sortedAscending[upper] ?? lo;
  return lo + (h - lower) * (hi - lo);
}

/**
 * Median and quartiles, or null when they may not be shown: fewer than five values, or no spread between
 * the quartiles (then most values are equal, and whoever knows their own could work out the others).
 * With five or more values the quartiles never depend on the lowest or highest value.
 */
export function seriesFigures(values: readonly number[]): SeriesFigures | null {
  if (values.length < MIN_COMPARISON_GROUP) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const lowerQuartile = round1(quantile(sorted, 0.25));
  const upperQuartile = round1(quantile(sorted, 0.75));
  if (!(lowerQuartile < upperQuartile)) return null;
  return { median: round1(quantile(sorted, 0.5)), lowerQuartile, upperQuartile, municipalities: values.length };
}

/** Each municipality's newest snapshot (closed last; ties by snapshot id, so every instance picks the same). */
export function latestPerMunicipality(snapshots: readonly SnapshotScores[]): SnapshotScores[] {
  const latest = new Map<string, SnapshotScores>();
  for (const s of snapshots) {
    const seen = latest.get(s.municipalityId);
    const newer =
      seen === undefined ||
      s.closedAt.getTime() > seen.closedAt.getTime() ||
      (s.closedAt.getTime() === seen.closedAt.getTime() && s.snapshotId > seen.snapshotId);
    if (newer) latest.set(s.municipalityId, s);
  }
  return [...latest.values()];
}

/** Empty, or no value shared by all but one of the group: whoever knows one member still faces two values. */
function diverse(values: readonly number[]): boolean {
  if (values.length === 0) return true;
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return Math.max(...counts.values()) <= values.length - 2;
}

/**
 * Whether figures over `now` may follow the figures last published over `before`. The contributions split into
 * three groups: those that left (replaced by a newer round, or gone), those that entered (a newer round, or a
 * newcomer) and those kept. Each group must be empty or diverse, so within it any member's value can be swapped
 * with another's without changing either figure set — nobody, even knowing their own, can tell who holds what.
 */
function mayFollow(before: Readonly<Record<string, BasisEntry>>, now: Readonly<Record<string, BasisEntry>>): boolean {
  const left: number[] = [];
  const entered: number[] = [];
  const kept: number[] = [];
  for (const [m, e] of Object.entries(now)) (before[m]?.snapshot === e.snapshot ? kept : entered).push(e.score);
  for (const [m, e] of Object.entries(before)) if (now[m]?.snapshot !== e.snapshot) left.push(e.score);
  return left.length + entered.length > 0 && diverse(left) && diverse(entered) && diverse(kept);
}

function nextSeries(
  previous: SeriesRelease | undefined,
  latest: readonly SnapshotScores[],
  id: SeriesId,
): SeriesRelease {
  const kept: SeriesRelease = previous ?? { figures: null, basis: null };
  const basis: Record<string, BasisEntry> = {};
  const values: number[] = [];
  for (const s of latest) {
    const score = s.scores[id];
    if (score === null) continue;
    basis[s.municipalityId] = { snapshot: s.snapshotId, score };
    values.push(score);
  }
  if (kept.basis !== null && !mayFollow(kept.basis, basis)) return kept;
  const figures = seriesFigures(values);
  // Figures once shown stay until new ones qualify: showing them again tells nobody anything new.
  return figures === null ? kept : { figures, basis };
}

/**
 * The next release, or null when none is due: fewer than two rounds closed since the previous release, or no
 * series would show anything new. `snapshots` are all snapshots of the comparison group (any age).
 */
export function nextRelease(
  previous: ReleaseContent | null,
  snapshots: readonly SnapshotScores[],
): ReleaseContent | null {
  const since = previous?.closedUpTo.getTime() ?? Number.NEGATIVE_INFINITY;
  const newCloses = snapshots.filter((s) => s.closedAt.getTime() > since);
  if (newCloses.length < MIN_CLOSES_BETWEEN_RELEASES) return null;
  const latest = latestPerMunicipality(snapshots);
  const series = Object.fromEntries(
    SERIES_IDS.map((id) => [id, nextSeries(previous?.series[id], latest, id)]),
  ) as Record<SeriesId, SeriesRelease>;
  const changed = SERIES_IDS.some((id) => series[id].basis !== (previous?.series[id].basis ?? null));
  if (!changed) return null;
  const closedUpTo = new Date(Math.max(...newCloses.map((s) => s.closedAt.getTime())));
  return { closedUpTo, series };
}
