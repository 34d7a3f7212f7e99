import { createFaqMatcher, loadFaq } from '../../../src/domain/faq';
import { evaluateFaq } from '../../../scripts/evalFaq';
import { EVAL_SETS } from '../../../src/domain/faq/eval/evaluate';

describe('FAQ held-out evaluation', () => {
  const report = evaluateFaq();

  it('has at least 60 on-topic and 20 off-topic questions', () => {
    expect(report.onTopicTotal).toBeGreaterThanOrEqual(60);
    expect(report.offTopicTotal).toBeGreaterThanOrEqual(20);
  });

  // Aim is 90 %; measured 91.1 % (see docs/faq.md). This guards against regressions.
  it('reaches ≥ 85 % top-1 accuracy', () => {
    expect(report.top1Accuracy).toBeGreaterThanOrEqual(0.85);
  });

  it('declines ≥ 95 % of off-topic questions', () => {
    expect(report.offTopicDeclineRate).toBeGreaterThanOrEqual(0.95);
  });
});

describe('FAQ performance', () => {
  // Alone a query takes 0.5–1 ms and a build ~30 ms; the bounds leave room for a loaded CI machine
  // (two parallel suites pushed the mean to ~6 ms) and still catch a tenfold regression.
  it('builds the matcher in < 400 ms and answers a query in < 10 ms', () => {
    const kb = loadFaq();
    createFaqMatcher(kb); // warm-up (module init, JIT)
    // CPU time of this process, not wall time: other processes on a loaded machine stretch the latter.
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    const t0 = process.cpuUsage();
    const m = createFaqMatcher(kb);
    const buildMs = cpuMs(t0);
    const queries = [
      'Was kostet die Teilnahme?',
      'How does the self-check work?',
      'Wie wird das Wetter?',
      'من يموّل المشروع؟',
      'Selbstchek Frgen überspringn',
    ];
    for (const q of queries) m.answer(q);
    const n = 200;
    const t1 = process.cpuUsage();
    for (let i = 0; i < n; i += 1) m.answer(queries[i % queries.length] ?? '');
    const perQuery = cpuMs(t1) / n;
    expect(buildMs).toBeLessThan(400);
    expect(perQuery).toBeLessThan(10);
  });
});

describe('FAQ development set', () => {
  it('shares no question with the held-out set (tuning must not see held-out questions)', () => {
    const norm = (q: string): string => q.trim().toLowerCase();
    const heldOut = new Set([...EVAL_SETS.heldOut.onTopic, ...EVAL_SETS.heldOut.offTopic].map((c) => norm(c.q)));
    const overlap = [...EVAL_SETS.dev.onTopic, ...EVAL_SETS.dev.offTopic].filter((c) => heldOut.has(norm(c.q)));
    expect(overlap).toEqual([]);
  });

  it('names only existing entries and reaches ≥ 90 % top-1 on the dev set', () => {
    const ids = new Set(loadFaq().entries.map((e) => e.id));
    expect(EVAL_SETS.dev.onTopic.filter((c) => !ids.has(c.expected))).toEqual([]);
    expect(evaluateFaq(undefined, EVAL_SETS.dev).top1Accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
