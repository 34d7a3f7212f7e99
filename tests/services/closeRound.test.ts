import { defaultRegistry } from '../../src/domain/selbstcheck';
import type { Role } from '../../src/domain/selbstcheck';
import { AccessService } from '../../src/services/accessService';
import type { AuditEntry } from '../../src/domain/ports/audit';
import { RoundService } from '../../src/services/roundService';
import { SelfCheckService } from '../../src/services/selfCheckService';
import { InMemorySelfCheckStore } from '../fakes/inMemorySelfCheck';
import { MemoryAccessRepository } from '../fakes/memoryAccessRepository';

const CLOSED_AT = new Date('2026-05-04T09:30:00Z');

function setup() {
  const store = new InMemorySelfCheckStore();
  const clock = { now: () => CLOSED_AT };
  const service = new SelfCheckService({
    municipalities: store,
    respondents: store,
    assessments: store,
    answers: store,
    membership: store,
    registry: defaultRegistry,
    clock,
  });
  const grants = new MemoryAccessRepository();
  const closed: string[] = [];
  const snapshotted: string[] = [];
  const audited: AuditEntry[] = [];
  const rounds = new RoundService({
    access: new AccessService({ access: grants, respondents: store, bootstrap: { objectIds: [], tenantIds: [] } }),
    assessments: store,
    // Stands in for the outbox repository, which closes the round and writes its event in one statement.
    rounds: {
      completeAssessment: async (id, at) => {
        const done = (await store.complete(id, at)) !== undefined;
        if (done) closed.push(id);
        return done;
      },
    },
    comparisons: {
      roundClosed: (round) => {
        snapshotted.push(round.id);
        return Promise.resolve();
      },
    },
    audit: {
      record: (entry) => {
        audited.push(entry);
        return Promise.resolve();
      },
    },
    clock,
  });
  const join = async (identityKey: string, municipalityId: string, role: Role | null, demo = false) => {
    const r = await service.registerRespondent(identityKey, 'de');
    await service.joinMunicipality(r.id, municipalityId, demo ? 'demo' : 'invitation');
    return service.updateRespondent(r.id, { role, consentedAt: CLOSED_AT });
  };
  return { store, service, rounds, grants, closed, snapshotted, audited, join };
}

describe('RoundService: one use case closes rounds, for granted roles only', () => {
  it('lets the lead close the round, through the outbox (event), at the injected clock time, once', async () => {
    const { store, service, rounds, grants, closed, snapshotted, audited, join } = setup();
    const lead = await join('webchat:lead', 'potsdam', 'integration_staff');
    await grants.grant('webchat:lead', { role: 'lead', municipalityId: 'potsdam' });
    const round = await service.startOrJoinAssessment('potsdam', lead);
    expect(await rounds.close('webchat:lead', round.id, lead.id)).toBe('completed');
    expect(closed).toEqual([round.id]);
    expect(store.assessments.find((a) => a.id === round.id)).toMatchObject({
      status: 'completed',
      completedAt: CLOSED_AT,
    });
    expect(await rounds.close('webchat:lead', round.id, lead.id)).toBe('already_completed');
    expect(closed).toEqual([round.id]);
    // Frozen for comparisons and recorded in the audit trail, once.
    expect(snapshotted).toEqual([round.id]);
    expect(audited).toEqual([
      { action: 'round_closed', actor: 'webchat:lead', municipalityId: 'potsdam', detail: { round: round.round } },
    ]);
  });

  it('refuses respondents whatever function they chose, a lead of another municipality and unknown rounds', async () => {
    const { store, service, rounds, grants, closed, snapshotted, audited, join } = setup();
    const mayor = await join('webchat:mayor', 'potsdam', 'mayor');
    const officer = await join('webchat:officer', 'lk-teltow-flaeming', 'integration_officer');
    await grants.grant('webchat:officer', { role: 'lead', municipalityId: 'lk-teltow-flaeming' });
    const round = await service.startOrJoinAssessment('potsdam', mayor);
    expect(await rounds.close('webchat:mayor', round.id, mayor.id)).toBe('not_allowed');
    expect(await rounds.close('webchat:officer', round.id, officer.id)).toBe('not_allowed');
    expect(await rounds.close('webchat:mayor', 'no-such-round', mayor.id)).toBe('not_allowed');
    expect(store.assessments.find((a) => a.id === round.id)?.status).toBe('in_progress');
    expect(closed).toEqual([]);
    expect(snapshotted).toEqual([]);
    expect(audited).toEqual([]);
    expect(await rounds.mayViewResults('webchat:mayor', round.id, mayor.id)).toBe(false);
    expect(await rounds.mayViewResults('webchat:officer', round.id, officer.id)).toBe(false);
  });

  it('lets a coordinator close the current round of any municipality by name (closeCurrent)', async () => {
    const { service, rounds, grants, closed, join } = setup();
    const mayor = await join('webchat:mayor', 'potsdam', 'mayor');
    const round = await service.startOrJoinAssessment('potsdam', mayor);
    const access = new AccessService({
      access: grants,
      respondents: { findByIdentity: () => Promise.resolve(undefined) },
      bootstrap: { objectIds: [], tenantIds: [] },
    });
    await grants.grant('aad:t:coord', { role: 'coordinator' });
    expect(await rounds.closeCurrent(await access.principalOf('webchat:mayor'), 'potsdam')).toBe('not_allowed');
    expect(await rounds.closeCurrent(await access.principalOf('aad:t:coord'), 'potsdam')).toBe('completed');
    expect(closed).toEqual([round.id]);
    expect(await rounds.closeCurrent(await access.principalOf('aad:t:coord'), 'potsdam')).toBe('already_completed');
  });

  it('gives a demo visitor their own sandbox round to see and close, and nobody else', async () => {
    const { store, service, rounds, snapshotted, audited, join } = setup();
    store.municipalities.push({ ...store.municipalities[0]!, id: 'demo', name: 'Musterstadt (Demo)', demo: true });
    const a = await join('webchat:a', 'demo', 'mayor', true);
    const b = await join('webchat:b', 'demo', 'mayor', true);
    const sandboxA = await service.startOrJoinAssessment('demo', a);
    const sandboxB = await service.startOrJoinAssessment('demo', b);
    expect(sandboxA.id).not.toBe(sandboxB.id);
    expect(await rounds.mayViewResults('webchat:a', sandboxA.id, a.id)).toBe(true);
    expect(await rounds.mayViewResults('webchat:b', sandboxA.id, b.id)).toBe(false);
    expect(await rounds.close('webchat:b', sandboxA.id, b.id)).toBe('not_allowed');
    expect(await rounds.close('webchat:a', sandboxA.id, a.id)).toBe('completed');
    // A sandbox is nobody's accountable act and never compared.
    expect(snapshotted).toEqual([]);
    expect(audited).toEqual([]);
  });
  it('tells what a person may do in a round (rightsIn): the lead everything, the chosen function nothing, a sandbox no export', async () => {
    const { store, service, rounds, grants, join } = setup();
    const lead = await join('webchat:lead2', 'potsdam', 'integration_staff');
    const mayor = await join('webchat:mayor2', 'potsdam', 'mayor');
    await grants.grant('webchat:lead2', { role: 'lead', municipalityId: 'potsdam' });
    const round = await service.startOrJoinAssessment('potsdam', lead);
    expect(await rounds.rightsIn('webchat:lead2', round.id, lead.id)).toEqual({
      results: true,
      export: true,
      close: true,
    });
    expect(await rounds.rightsIn('webchat:mayor2', round.id, mayor.id)).toEqual({
      results: false,
      export: false,
      close: false,
    });
    expect(await rounds.rightsIn('webchat:lead2', 'no-such-round', lead.id)).toEqual({
      results: false,
      export: false,
      close: false,
    });
    store.municipalities.push({ ...store.municipalities[0]!, id: 'demo', name: 'Musterstadt (Demo)', demo: true });
    const visitor = await join('webchat:visitor', 'demo', 'mayor', true);
    const sandbox = await service.startOrJoinAssessment('demo', visitor);
    expect(await rounds.rightsIn('webchat:visitor', sandbox.id, visitor.id)).toEqual({
      results: true,
      export: false,
      close: true,
    });
    // Once closed, closing is no longer offered; the results stay visible.
    expect(await rounds.close('webchat:lead2', round.id, lead.id)).toBe('completed');
    expect(await rounds.rightsIn('webchat:lead2', round.id, lead.id)).toEqual({
      results: true,
      export: true,
      close: false,
    });
  });
});
