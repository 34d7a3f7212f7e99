import fc from 'fast-check';
import {
  MIN_CLOSES_BETWEEN_RELEASES,
  SERIES_IDS,
  latestPerMunicipality,
  nextRelease,
  seriesFigures,
  type ReleaseContent,
  type SeriesFigures,
  type SeriesId,
  type SnapshotScores,
} from '../../../src/domain/selbstcheck';
import { GRID, recoverableFromOne, recoverableFromTwo, type Published } from './recoveryOracle';

/** A snapshot with a score in the overall series only. */
function snapshot(i: number, municipality: number, score: number | null): SnapshotScores {
  const scores = Object.fromEntries(SERIES_IDS.map((id) => [id, null])) as Record<SeriesId, number | null>;
  scores.overall = score;
  return {
    municipalityId: `m${municipality}`,
    snapshotId: `s${i}`,
    closedAt: new Date(Date.UTC(2026, 0, 1 + i)),
    scores,
  };
}

type Policy = (previous: ReleaseContent | null, snapshots: readonly SnapshotScores[]) => ReleaseContent | null;

/** Every distinct figure set readers see for the overall series, in order, with the scores behind it. */
function publications(closes: readonly [number, number | null][], policy: Policy): Published[] {
  const snapshots: SnapshotScores[] = [];
  const out: Published[] = [];
  let previous: ReleaseContent | null = null;
  closes.forEach(([m, score], i) => {
    snapshots.push(snapshot(i, m, score));
    const next = policy(previous, snapshots);
    if (next === null) return;
    const s = next.series.overall;
    if (s.figures !== null && s.basis !== null && s.basis !== previous?.series.overall.basis) {
      const byId = new Map(snapshots.map((x) => [x.snapshotId, x.scores.overall]));
      // The oracle takes the scores from the snapshots themselves, not from what the release says about them.
      const scores = new Map(Object.entries(s.basis).map(([mun, e]) => [mun, byId.get(e.snapshot)!]));
      out.push({ figures: s.figures, scores, basis: s.basis });
    }
    previous = next;
  });
  return out;
}

const checked = { single: 0, pairs: 0 };

/** Whether any reader, knowing at most their own municipality's scores, can pin down another's score. */
function leaks(pubs: readonly Published[]): boolean {
  checked.single += pubs.length;
  checked.pairs += Math.max(0, pubs.length - 1);
  for (let i = 0; i < pubs.length; i++) {
    const p = pubs[i]!;
    const readers = [null, ...p.scores.keys()];
    if (readers.some((own) => recoverableFromOne(p, own))) return true;
    const before = pubs[i - 1];
    if (before === undefined) continue;
    const both = [null, ...new Set([...before.scores.keys(), ...p.scores.keys()])];
    if (both.some((own) => recoverableFromTwo(before, p, own))) return true;
  }
  return false;
}

const closesArb = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 8 }), fc.option(fc.constantFrom(...GRID), { freq: 10, nil: null })),
  { minLength: 10, maxLength: 40 },
);

describe('comparison releases', () => {
  it('no release, and no two consecutive releases, let a reader recover one municipality’s score', () => {
    fc.assert(
      fc.property(closesArb, (closes) => !leaks(publications(closes, nextRelease))),
      { numRuns: 150 },
    );
    // The property was really exercised: releases and consecutive pairs of them were attacked.
    expect(checked.single).toBeGreaterThan(150);
    expect(checked.pairs).toBeGreaterThan(30);
  });

  it('the attacker is real: releasing after every close over five or more finds leaks', () => {
    const naive: Policy = (_previous, snapshots) => {
      const latest = latestPerMunicipality(snapshots).filter((s) => s.scores.overall !== null);
      const values = latest.map((s) => s.scores.overall!);
      if (values.length < 5) return null;
      const sorted = [...values].sort((a, b) => a - b);
      const q = (p: number): number => {
        const h = (sorted.length - 1) * p;
        const lo = sorted[Math.floor(h)]!;
        return lo + (h - Math.floor(h)) * (sorted[Math.ceil(h)]! - lo);
      };
      const figures: SeriesFigures = {
        median: q(0.5),
        lowerQuartile: q(0.25),
        upperQuartile: q(0.75),
        municipalities: values.length,
      };
      const basis = Object.fromEntries(
        latest.map((s) => [s.municipalityId, { snapshot: s.snapshotId, score: s.scores.overall! }]),
      );
      const series = Object.fromEntries(SERIES_IDS.map((id) => [id, { figures: null, basis: null }]));
      return { closedUpTo: new Date(), series: { ...series, overall: { figures, basis } } } as ReleaseContent;
    };
    const result = fc.check(
      fc.property(closesArb, (closes) => !leaks(publications(closes, naive))),
      { numRuns: 300 },
    );
    expect(result.failed).toBe(true);
  });

  it('shows median and quartiles only over five or more with a spread, never the extremes', () => {
    expect(seriesFigures([10, 20, 30, 40])).toBeNull();
    expect(seriesFigures([50, 50, 50, 50, 100])).toBeNull();
    // The lowest and highest values never move the figures.
    const figures = seriesFigures([0, 20, 40, 60, 100]);
    expect(figures).toEqual({ median: 40, lowerQuartile: 20, upperQuartile: 60, municipalities: 5 });
    expect(seriesFigures([10, 20, 40, 60, 70])).toEqual(figures);
  });

  it('releases only after two closes, and keeps a series until the changes are diverse enough to hide who changed', () => {
    const first7 = [0, 10, 20, 30, 40, 50, 60].map((score, m) => snapshot(m, m, score));
    const first = nextRelease(null, first7.slice(0, 1));
    expect(first).toBeNull();
    const r1 = nextRelease(null, first7)!;
    expect(r1.series.overall.figures).toEqual({ median: 30, lowerQuartile: 15, upperQuartile: 45, municipalities: 7 });
    expect(r1.series.MS.figures).toBeNull();
    // One more close: not due.
    const a = [...first7, snapshot(7, 0, 90)];
    expect(MIN_CLOSES_BETWEEN_RELEASES).toBe(2);
    expect(nextRelease(r1, a)).toBeNull();
    // Due, but only two values entered and two left: whoever knows one of them could tell the other — kept.
    const b = [...a, snapshot(8, 1, 70)];
    expect(nextRelease(r1, b)).toBeNull();
    // A newcomer: three entered, still only two left.
    const c = [...b, snapshot(9, 7, 100)];
    expect(nextRelease(r1, c)).toBeNull();
    // A third replaced round: 0, 10 and 20 left; 90, 70, 100 and 80 entered; 30–60 kept — all diverse.
    const d = [...c, snapshot(10, 2, 80)];
    const r2 = nextRelease(r1, d)!;
    // Over 30, 40, 50, 60, 70, 80, 90, 100.
    expect(r2.series.overall.figures).toEqual({
      median: 65,
      lowerQuartile: 47.5,
      upperQuartile: 82.5,
      municipalities: 8,
    });
    expect(r2.closedUpTo).toEqual(snapshot(10, 2, 80).closedAt);
    // Unchanged series are carried as they were, so readers see the same figures.
    expect(r2.series.MS).toBe(r1.series.MS);
  });
});
