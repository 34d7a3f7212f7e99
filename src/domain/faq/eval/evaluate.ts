import evalSet from './evalSet.json';
import devSet from './devSet.json';
import { loadFaq } from '../load';
import { createFaqMatcher } from '../matcher';
import type { FaqLocale, FaqMatcher } from '../types';

export interface EvalCase {
  q: string;
  expected: string;
  lang?: string;
}

export interface EvalMiss {
  q: string;
  expected: string;
  got: string;
  score?: number;
  coverage?: number;
}

export interface FaqEvalReport {
  onTopicTotal: number;
  /** Share of on-topic questions whose answer is the expected entry (0..1). */
  top1Accuracy: number;
  /** Share of on-topic questions where the expected entry is among answer + closest (0..1). */
  top3Recall: number;
  offTopicTotal: number;
  /** Share of off-topic questions answered with not_sure (0..1). */
  offTopicDeclineRate: number;
  /** Share of on-topic questions wrongly declined (0..1). */
  falseDeclineRate: number;
  /** Matcher construction time in ms. */
  buildMs: number;
  /** Mean query time in ms over the whole set. */
  meanQueryMs: number;
  /** Slowest query in ms. */
  maxQueryMs: number;
  misses: EvalMiss[];
  wronglyAnswered: EvalMiss[];
}

export interface EvalSetFile {
  onTopic: EvalCase[];
  offTopic: { q: string }[];
}

/** The development set (tune against this) and the held-out set (measure only). */
export const EVAL_SETS: Record<'dev' | 'heldOut', EvalSetFile> = { dev: devSet, heldOut: evalSet };

/** Runs an evaluation set (default: the held-out set) through a freshly built matcher. */
export function evaluateFaq(matcher?: FaqMatcher, set: EvalSetFile = evalSet): FaqEvalReport {
  const t0 = performance.now();
  const m = matcher ?? createFaqMatcher(loadFaq());
  const buildMs = performance.now() - t0;
  const times: number[] = [];
  const timed = <T>(fn: () => T): T => {
    const s = performance.now();
    const r = fn();
    times.push(performance.now() - s);
    return r;
  };

  let correct = 0;
  let inTop3 = 0;
  let declined = 0;
  const misses: EvalMiss[] = [];
  for (const c of set.onTopic) {
    const locale = isLocale(c.lang) ? c.lang : undefined;
    const r = timed(() => m.answer(c.q, locale ? { locale } : {}));
    if (r.kind === 'answer' && r.entryId === c.expected) {
      correct += 1;
      inTop3 += 1;
      continue;
    }
    if (r.kind === 'not_sure') {
      declined += 1;
      if (r.closest.includes(c.expected)) inTop3 += 1;
      misses.push({ q: c.q, expected: c.expected, got: `not_sure[${r.closest.join(',')}]` });
    } else {
      misses.push({ q: c.q, expected: c.expected, got: r.entryId, score: r.score, coverage: r.coverage });
    }
  }
  let offDeclined = 0;
  const wronglyAnswered: EvalMiss[] = [];
  for (const c of set.offTopic) {
    const r = timed(() => m.answer(c.q));
    if (r.kind === 'not_sure') offDeclined += 1;
    else wronglyAnswered.push({ q: c.q, expected: 'not_sure', got: r.entryId, score: r.score, coverage: r.coverage });
  }
  return {
    onTopicTotal: set.onTopic.length,
    top1Accuracy: correct / set.onTopic.length,
    top3Recall: inTop3 / set.onTopic.length,
    offTopicTotal: set.offTopic.length,
    offTopicDeclineRate: offDeclined / set.offTopic.length,
    falseDeclineRate: declined / set.onTopic.length,
    buildMs,
    meanQueryMs: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    maxQueryMs: Math.max(...times),
    misses,
    wronglyAnswered,
  };
}

function isLocale(x: string | undefined): x is FaqLocale {
  return x === 'de' || x === 'de-LS' || x === 'en' || x === 'tr' || x === 'ar' || x === 'uk';
}
