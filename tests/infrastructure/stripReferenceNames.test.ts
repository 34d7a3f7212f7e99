/** Issue #17: the data migration that removes display names from conversation references stored before. */
import { migrate, readMigrations } from '../../src/infrastructure/db/migrator';
import { usingPostgres } from '../support/testDatabase';
import { fresh } from './migrationsSupport';

const MIGRATION = '20261208100000_strip_reference_names';

function reference(conversationId: string, user: Record<string, unknown>): string {
  return JSON.stringify({
    activityId: 'a1',
    user,
    bot: { id: '28:bot', name: 'Weltoffen-Bot' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 't1' },
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
  });
}

describe(`${MIGRATION} on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('strips user.name from stored references and leaves everything else as it was', async () => {
    const { t, db } = await fresh();
    try {
      const all = readMigrations();
      const index = all.findIndex((m) => m.name === MIGRATION);
      expect(index).toBeGreaterThan(0);
      await db.withSession((s) => migrate(s, all.slice(0, index)));
      const named = { id: '29:u1', name: 'Erika Mustermann', aadObjectId: 'oid-1', role: 'user' };
      await db.withSession(async (s) => {
        await s.query(
          `INSERT INTO channel_subscription (id, conversation_id, scope, service_url, reference, created_by)
           VALUES ('s1', '19:c1', 'national', 'https://smba.trafficmanager.net/emea/', $1::jsonb, 'aad:t1:oid-1'),
                  ('s2', '19:c2', 'national', 'https://smba.trafficmanager.net/emea/', $2::jsonb, 'aad:t1:oid-2')`,
          [reference('19:c1', named), reference('19:c2', { id: '29:u2', aadObjectId: 'oid-2' })],
        );
        await s.query(
          `INSERT INTO personal_conversation (identity_key, conversation_id, service_url, reference)
           VALUES ('aad:t1:oid-1', 'a:1', 'https://smba.trafficmanager.net/emea/', $1::jsonb)`,
          [reference('a:1', named)],
        );
      });

      const report = await db.withSession((s) => migrate(s, all));
      expect(report.applied).toContain(MIGRATION);

      const rows = await db.withSession((s) =>
        s.query<{ reference: Record<string, unknown> }>(
          `SELECT reference FROM channel_subscription UNION ALL SELECT reference FROM personal_conversation`,
        ),
      );
      expect(rows).toHaveLength(3);
      const text = JSON.stringify(rows);
      expect(text).not.toContain('Erika');
      for (const { reference: r } of rows) {
        const user = r.user as Record<string, unknown>;
        expect(user).not.toHaveProperty('name');
        expect(typeof user.id).toBe('string');
        // The bot's own name and the rest of the reference stay: proactive sends need them.
        expect(r.bot).toEqual({ id: '28:bot', name: 'Weltoffen-Bot' });
        expect(r.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
      }
      const first = rows.find((r) => (r.reference.user as { id: string }).id === '29:u1');
      expect(first?.reference.user).toEqual({ id: '29:u1', aadObjectId: 'oid-1', role: 'user' });
    } finally {
      await db.close();
      await t.dispose();
    }
  }, 60_000);
});
