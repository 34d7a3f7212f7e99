/**
 * The retention job with the real erasure (not the recording stub of retention.test.ts): the people due are
 * erased or de-identified without a trace of their identity keys, the others keep theirs, and two instances
 * running the job at once erase each person once — one `erasure` entry per person in the audit trail.
 */
import { openDatabase, type Database } from '../../src/infrastructure/db/database';
import { migrate } from '../../src/infrastructure/db/migrator';
import { retentionParts } from '../../src/composition/retention';
import { PrismaPersonalDataStore } from '../../src/infrastructure/repositories/prismaPersonalDataStore';
import { createTestDatabase, usingPostgres } from '../support/testDatabase';
import { allTables, tracesIn } from '../privacy/support';
import { EXPECTED, NOW, PERIODS, seed } from './scenario';

const options = { checkMinutes: 60, ...PERIODS };

describe(`retention with erasure (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('erases each due person once, also with two instances at once, and leaves no trace of them', async () => {
    const t = await createTestDatabase();
    const db = await openDatabase(t.target, t.openOptions);
    const other: Database = usingPostgres ? await openDatabase(t.target, t.openOptions) : db;
    try {
      await db.withSession((s) => migrate(s));
      await seed(db.prisma);
      const job = (d: Database) =>
        retentionParts({
          db: d,
          clock: { now: () => NOW },
          options,
          eraser: (key) =>
            new PrismaPersonalDataStore(d.prisma).erase(
              { identityKey: key, channelUserIds: [], conversationKeys: [] },
              'retention',
            ),
        });
      const [a, b] = await Promise.all([job(db).runOnce(), job(other).runOnce()]);
      expect(a.failures + b.failures).toBe(0);

      const tables = await allTables(db.prisma);
      expect(await tracesIn(db.prisma, tables, EXPECTED.erased)).toEqual({});
      const kept = EXPECTED.respondents.filter((k) => !k.startsWith('erased:'));
      expect(Object.keys(await tracesIn(db.prisma, ['respondent'], kept)).sort()).toEqual(kept);
      // One erasure entry per person, recorded as the system's act (no actor).
      const erasures = await db.prisma.auditEvent.findMany({ where: { action: 'erasure' } });
      expect(erasures).toHaveLength(EXPECTED.erased.length);
      expect(erasures.every((e) => e.actor === null)).toBe(true);
      // Another run erases nobody again.
      const again = await job(db).runOnce();
      expect(again.unansweredErased + again.inactiveErased).toBe(0);
      expect(await db.prisma.auditEvent.count({ where: { action: 'erasure' } })).toBe(EXPECTED.erased.length);
    } finally {
      if (other !== db) await other.close();
      await db.close();
      await t.dispose();
    }
  }, 60_000);
});
