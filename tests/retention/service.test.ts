import type { RetentionStore } from '../../src/domain/ports/retention';
import { RetentionService, retentionCutoffs } from '../../src/services/retentionService';

const NOW = new Date('2026-06-15T12:00:00Z');
const PERIODS = { stateDays: 30, unansweredDays: 90, outboxDays: 90, inactiveMonths: 24 };

/** A store that records the cutoffs it was asked for; the state step waits until `release` is called. */
function fakeStore() {
  const asked: Record<string, Date> = {};
  let release = () => undefined as void;
  let started = () => undefined as void;
  const runStarted = new Promise<void>((resolve) => (started = resolve));
  const store: RetentionStore = {
    deleteIdleState: (before) => {
      asked.state = before;
      started();
      return new Promise((resolve) => (release = () => resolve(2)));
    },
    unanswered: (before) => {
      asked.unanswered = before;
      return Promise.resolve([]);
    },
    inactive: (before) => {
      asked.inactive = before;
      return Promise.resolve([]);
    },
    purgeOutbox: (before) => {
      asked.outbox = before;
      return Promise.resolve({ deliveries: 0, events: 0 });
    },
  };
  return { store, asked, runStarted, release: () => release() };
}

describe('RetentionService', () => {
  it('asks each rule with its own cutoff', async () => {
    const f = fakeStore();
    let linksBefore: Date | undefined;
    const job = new RetentionService({
      store: f.store,
      eraser: () => Promise.reject(new Error('not called')),
      links: { deleteExpired: (before) => ((linksBefore = before), Promise.resolve(0)) },
      clock: { now: () => NOW },
      periods: PERIODS,
    });
    const run = job.runOnce();
    await f.runStarted;
    f.release();
    expect((await run).stateRows).toBe(2);
    const cut = retentionCutoffs(NOW, PERIODS);
    expect(f.asked).toEqual({
      state: cut.state,
      unanswered: cut.unanswered,
      inactive: cut.inactive,
      outbox: cut.outbox,
    });
    expect(f.asked.state?.toISOString()).toBe('2026-05-16T12:00:00.000Z');
    expect(f.asked.unanswered?.toISOString()).toBe('2026-03-17T12:00:00.000Z');
    expect(f.asked.inactive?.toISOString()).toBe('2024-06-15T12:00:00.000Z');
    expect(linksBefore?.toISOString()).toBe('2026-06-15T11:00:00.000Z');
  });

  it('runs on its timer, and stop waits for the run in flight', async () => {
    const f = fakeStore();
    const job = new RetentionService({
      store: f.store,
      eraser: () => Promise.reject(new Error('not called')),
      links: { deleteExpired: () => Promise.resolve(0) },
      clock: { now: () => NOW },
      periods: PERIODS,
    });
    job.start(5);
    await f.runStarted;
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(stopped).toBe(false);
    f.release();
    await stopping;
    expect(stopped).toBe(true);
  });
});
