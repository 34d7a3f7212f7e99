import type { Database } from '../../src/infrastructure/db/database';
import { openDatabase } from '../../src/infrastructure/db/database';
import { migrate } from '../../src/infrastructure/db/migrator';
import { retentionParts } from '../../src/composition/retention';
import type { PersonEraser } from '../../src/domain/ports/privacy';
import { RetentionService, monthsBefore } from '../../src/services/retentionService';
import { createTestDatabase, usingPostgres } from '../support/testDatabase';
import { EXPECTED, NOW, PERIODS, leftOver, recordingEraser, seed } from './scenario';

const clock = { now: () => NOW };
const options = { checkMinutes: 60, ...PERIODS };

/** A migrated database and, on PostgreSQL, a second connection pool to it (a second instance). */
async function open(): Promise<{ db: Database; other: Database; dispose: () => Promise<void> }> {
  const t = await createTestDatabase();
  const db = await openDatabase(t.target, t.openOptions);
  await db.withSession((s) => migrate(s));
  // PGlite is one embedded database in this process: both "instances" share it (its statements interleave).
  const other = usingPostgres ? await openDatabase(t.target, t.openOptions) : db;
  return {
    db,
    other,
    dispose: async () => {
      if (other !== db) await other.close();
      await db.close();
      await t.dispose();
    },
  };
}

function service(db: Database, eraser: PersonEraser): RetentionService {
  return retentionParts({ db, clock, options, eraser });
}

describe(`retention job (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let db: Database;
  let other: Database;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ db, other, dispose } = await open());
    await seed(db.prisma);
  });
  afterEach(() => dispose());

  it('removes exactly what is due and hands exactly the due people to the eraser', async () => {
    const { eraser, calls } = recordingEraser(db.prisma);
    const report = await service(db, eraser).runOnce();

    const left = await leftOver(db.prisma);
    expect(left.stateKeys).toEqual(EXPECTED.stateKeys);
    expect(left.respondents).toEqual(EXPECTED.respondents);
    expect(left.deliveries).toEqual(EXPECTED.deliveries);
    expect(left.events).toEqual(EXPECTED.events);
    expect(left.links).toEqual(EXPECTED.links);
    expect([...calls].sort()).toEqual(EXPECTED.erased);
    expect(report).toEqual(EXPECTED.report);
  });

  it('a second run finds nothing more (de-identified rows are not handed on again)', async () => {
    const { eraser, calls } = recordingEraser(db.prisma);
    const job = service(db, eraser);
    await job.runOnce();
    const first = await leftOver(db.prisma);
    calls.length = 0;
    const again = await job.runOnce();
    expect(again).toEqual({
      stateRows: 0,
      unansweredErased: 0,
      inactiveErased: 0,
      outboxDeliveries: 0,
      outboxEvents: 0,
      downloadLinks: 0,
      failures: 0,
    });
    expect(calls).toEqual([]);
    expect(await leftOver(db.prisma)).toEqual(first);
  });

  it('two instances running it at once leave the same state as one run, without an error', async () => {
    const a = recordingEraser(db.prisma);
    const b = recordingEraser(other.prisma);
    const warnings: object[] = [];
    const log = { info: () => undefined, warn: (obj: object) => warnings.push(obj) };
    const one = retentionParts({ db, clock, options, eraser: a.eraser, log });
    const two = retentionParts({ db: other, clock, options, eraser: b.eraser, log });
    const [r1, r2] = await Promise.all([one.runOnce(), two.runOnce()]);

    expect(warnings).toEqual([]);
    const left = await leftOver(db.prisma);
    expect(left).toEqual({
      stateKeys: EXPECTED.stateKeys,
      respondents: EXPECTED.respondents,
      deliveries: EXPECTED.deliveries,
      events: EXPECTED.events,
      links: EXPECTED.links,
    });
    // Each due person reached the eraser at least once (twice is allowed), nobody else ever.
    expect([...new Set([...a.calls, ...b.calls])].sort()).toEqual(EXPECTED.erased);
    // Every row was removed by exactly one of them, every person erased by exactly one.
    const sum = Object.fromEntries(
      Object.keys(EXPECTED.report).map((k) => {
        const key = k as keyof typeof EXPECTED.report;
        return [key, r1[key] + r2[key]];
      }),
    );
    expect(sum).toEqual(EXPECTED.report);
  });

  it('a failing eraser is counted and logged without ids; the other people and steps go on', async () => {
    const { eraser, calls } = recordingEraser(db.prisma);
    const failing: PersonEraser = (key) =>
      key === 'aad:t:inactive-due' ? Promise.reject(new Error(`boom ${key}`)) : eraser(key);
    const warnings: object[] = [];
    const log = { info: () => undefined, warn: (obj: object) => warnings.push(obj) };
    const report = await retentionParts({ db, clock, options, eraser: failing, log }).runOnce();
    expect(report).toEqual({ ...EXPECTED.report, inactiveErased: 1, failures: 1 });
    expect(calls.sort()).toEqual(['aad:t:inactive-old-open', 'aad:t:unanswered-due']);
    expect(warnings).toEqual([{ step: 'inactive', error: 'Error' }]);
    expect(JSON.stringify(warnings)).not.toContain('aad:');
  });
});

describe('retention cutoffs', () => {
  it('counts calendar months back, clamping to the end of a shorter month', () => {
    expect(monthsBefore(new Date('2026-06-15T12:00:00Z'), 24).toISOString()).toBe('2024-06-15T12:00:00.000Z');
    expect(monthsBefore(new Date('2026-03-31T08:00:00Z'), 1).toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(monthsBefore(new Date('2026-03-31T08:00:00Z'), 25).toISOString()).toBe('2024-02-29T08:00:00.000Z');
    expect(monthsBefore(new Date('2026-01-10T00:00:00Z'), 13).toISOString()).toBe('2024-12-10T00:00:00.000Z');
  });
});
