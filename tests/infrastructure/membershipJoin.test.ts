/**
 * Joining a municipality numbers its members; people joining at the same moment (a whole department
 * pasting one invitation code) each get their own number, none is lost (found by the bench: a retry on
 * the unique index gave up under eight concurrent joins).
 */
import { PrismaMembershipRepository } from '../../src/infrastructure/repositories/prismaMembershipRepository';
import { usingPostgres } from '../support/testDatabase';
import { migratedDatabase } from './migrationsSupport';

describe(`joining a municipality (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const db = migratedDatabase();

  it('gives twelve people joining at once the numbers 1 to 12, and keeps a number when one joins again', async () => {
    const prisma = db().prisma;
    const people = await Promise.all(
      Array.from({ length: 12 }, (_, i) => prisma.respondent.create({ data: { identityKey: `webchat:join-${i}` } })),
    );
    const members = new PrismaMembershipRepository(prisma);
    const joined = await Promise.all(people.map((p) => members.join(p.id, 'kiel', 'invitation')));
    expect(joined.map((r) => r.memberNo).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    const again = await members.join(people[3]!.id, 'kiel', 'tenant');
    expect(again).toMatchObject({ memberNo: joined[3]!.memberNo, membership: 'tenant', municipalityId: 'kiel' });
    // Moving to another municipality starts a new number there.
    expect(await members.join(people[3]!.id, 'bochum', 'invitation')).toMatchObject({ memberNo: 1 });
  });
});
