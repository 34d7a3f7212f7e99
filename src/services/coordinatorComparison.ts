/**
 * `vergleich <Kommune>` / `compare <municipality>`: the municipality's own newest round with answers (open or
 * closed) placed in the released figures, which come from closed rounds only (docs/scoring.md §10); change
 * since the previous own round.
 */
import type { Municipality } from '../domain/model';
import type { ResultsRepository } from '../domain/ports/dashboard';
import { changeBetweenRounds, compareWithRelease, type AssessmentScore } from '../domain/selbstcheck';
import type { ComparisonService } from './comparisonService';
import type { CoordinatorResult } from './coordinatorResults';
import type { SelfCheckService } from './selfCheckService';

export interface ComparisonDeps {
  readonly results: ResultsRepository;
  readonly comparisons: Pick<ComparisonService, 'released'>;
  readonly selfCheck: Pick<SelfCheckService, 'overallSummary'>;
  readonly dashboardLink?: (municipalityId: string) => string;
}

export async function compareMunicipality(deps: ComparisonDeps, m: Municipality): Promise<CoordinatorResult> {
  const own = (await deps.results.roundsWithAnswers()).filter((r) => r.municipalityId === m.id);
  const latest = own[0];
  if (latest === undefined) return { kind: 'noResults', municipality: m.name };
  const scoreOf = async (a: (typeof own)[number]): Promise<AssessmentScore> =>
    (await deps.selfCheck.overallSummary(a)).score;
  const [ownScore, released] = await Promise.all([scoreOf(latest), deps.comparisons.released()]);
  const previous = own[1];
  const change = previous
    ? { previousRound: previous.round, change: changeBetweenRounds(await scoreOf(previous), ownScore) }
    : undefined;
  const link = deps.dashboardLink;
  return {
    kind: 'comparison',
    municipality: m.name,
    comparison: compareWithRelease(ownScore, released),
    ...(change ? { change } : {}),
    ...(link ? { dashboardUrl: link(m.id) } : {}),
  };
}
