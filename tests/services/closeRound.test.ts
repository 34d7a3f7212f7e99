import { defaultRegistry } from '../../src/domain/selbstcheck';
import type { Role } from '../../src/domain/selbstcheck';
import { SelfCheckService } from '../../src/services/selfCheckService';
import { InMemorySelfCheckStore } from '../fakes/inMemorySelfCheck';

const CLOSED_AT = new Date('2026-05-04T09:30:00Z');

function setup() {
  const store = new InMemorySelfCheckStore();
  const service = new SelfCheckService({
    municipalities: store,
    respondents: store,
    assessments: store,
    answers: store,
    membership: store,
    registry: defaultRegistry,
    clock: { now: () => CLOSED_AT },
  });
  const join = async (identityKey: string, municipalityId: string, role: Role | null) => {
    const r = await service.registerRespondent(identityKey, 'de');
    await service.joinMunicipality(r.id, municipalityId, 'invitation');
    await service.updateRespondent(r.id, { role, consentedAt: CLOSED_AT });
    return r.id;
  };
  return { store, service, join };
}

describe('SelfCheckService.completeAssessment (who closes a round: the access policy)', () => {
  it('lets a coordinating role close its own round, at the injected clock time, once', async () => {
    const { store, service, join } = setup();
    const mayor = await join('webchat:mayor', 'potsdam', 'mayor');
    const round = await service.startOrJoinAssessment('potsdam');
    expect(await service.completeAssessment(round.id, mayor)).toBe('completed');
    expect(store.assessments.find((a) => a.id === round.id)).toMatchObject({
      status: 'completed',
      completedAt: CLOSED_AT,
    });
    expect(await service.completeAssessment(round.id, mayor)).toBe('already_completed');
  });

  it('refuses other roles, unknown respondents and another municipality’s round; the round stays open', async () => {
    const { store, service, join } = setup();
    const staff = await join('webchat:staff', 'potsdam', 'integration_staff');
    const stranger = await join('webchat:officer', 'lk-teltow-flaeming', 'integration_officer');
    const round = await service.startOrJoinAssessment('potsdam');
    expect(await service.completeAssessment(round.id, staff)).toBe('not_allowed');
    expect(await service.completeAssessment(round.id, 'no-such-respondent')).toBe('not_allowed');
    expect(await service.completeAssessment(round.id, stranger)).toBe('not_allowed');
    expect(store.assessments.find((a) => a.id === round.id)?.status).toBe('in_progress');
  });

  it('answers an unknown round as before: closed for those who may close, not allowed for the others', async () => {
    const { service, join } = setup();
    const officer = await join('webchat:officer', 'potsdam', 'integration_officer');
    const staff = await join('webchat:staff', 'potsdam', 'integration_staff');
    expect(await service.completeAssessment('no-such-round', officer)).toBe('already_completed');
    expect(await service.completeAssessment('no-such-round', staff)).toBe('not_allowed');
  });
});
