/**
 * Released comparison figures built from other municipalities' scores, as a release over exactly those rounds
 * would show them — for tests of cards and views that only need some figures to place a score in.
 */
import {
  FIELD_IDS,
  seriesFigures,
  type AssessmentScore,
  type ReleasedFigures,
  type SeriesId,
} from '../../src/domain/selbstcheck';

export const RELEASED_AT = new Date('2026-11-30T09:00:00Z');

export function releasedFrom(others: readonly AssessmentScore[], releasedAt: Date = RELEASED_AT): ReleasedFigures {
  const values = (id: SeriesId): number[] =>
    others.flatMap((o) => {
      const v = id === 'overall' ? o.overall.score : (o.fields.find((f) => f.fieldId === id)?.score ?? null);
      return v === null ? [] : [v];
    });
  const series = Object.fromEntries([...FIELD_IDS, 'overall' as const].map((id) => [id, seriesFigures(values(id))]));
  return { series: series as ReleasedFigures['series'], releasedAt };
}
