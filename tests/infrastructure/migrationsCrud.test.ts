/** Every model of the generated Prisma client works against the migrated schema (create, read, update, delete). */
import { usingPostgres } from '../support/testDatabase';
import { dmmf, migratedDatabase } from './migrationsSupport';

describe(`migrations on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  const db = migratedDatabase();

  it('every model of the generated client can be created, read, updated and deleted', async () => {
    // One sample per model; extended as models are added (the test fails for a model without one).
    const samples: Record<string, () => Promise<void>> = {
      BotStateItem: async () => {
        const created = await db().prisma.botStateItem.create({ data: { key: 'k1', data: { a: 1 }, eTag: 'e1' } });
        expect(created.updatedAt).toBeInstanceOf(Date);
        expect((await db().prisma.botStateItem.findUnique({ where: { key: 'k1' } }))?.data).toEqual({ a: 1 });
        await db().prisma.botStateItem.update({ where: { key: 'k1' }, data: { data: { a: 2 }, eTag: 'e2' } });
        expect((await db().prisma.botStateItem.findUnique({ where: { key: 'k1' } }))?.eTag).toBe('e2');
        await db().prisma.botStateItem.delete({ where: { key: 'k1' } });
        expect(await db().prisma.botStateItem.count({ where: { key: 'k1' } })).toBe(0);
      },
      Municipality: async () => {
        // The migration seeds the onboarding list; the sample works on a row of its own.
        expect(await db().prisma.municipality.findUnique({ where: { id: 'potsdam' } })).toMatchObject({
          name: 'Potsdam',
          kind: 'kreisfreie_stadt',
          state: 'Brandenburg',
        });
        expect(await db().prisma.municipality.findUnique({ where: { id: 'lk-teltow-flaeming' } })).toMatchObject({
          kind: 'landkreis',
        });
        await db().prisma.municipality.create({
          data: { id: 'm-sample', name: 'Musterstadt', kind: 'kreisfreie_stadt', state: 'Hessen' },
        });
        await db().prisma.municipality.update({ where: { id: 'm-sample' }, data: { kind: 'landkreis' } });
        expect((await db().prisma.municipality.findUnique({ where: { id: 'm-sample' } }))?.kind).toBe('landkreis');
        await db().prisma.municipality.delete({ where: { id: 'm-sample' } });
        expect(await db().prisma.municipality.count({ where: { id: 'm-sample' } })).toBe(0);
      },
      Respondent: async () => {
        const r = await db().prisma.respondent.create({
          data: { identityKey: 'aad:t1:o1', municipalityId: 'bochum', role: 'mayor' },
        });
        expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
        await expect(db().prisma.respondent.create({ data: { identityKey: 'aad:t1:o1' } })).rejects.toThrow();
        await db().prisma.respondent.update({ where: { id: r.id }, data: { consentedAt: new Date(), locale: 'en' } });
        expect(
          (await db().prisma.respondent.findUnique({ where: { identityKey: 'aad:t1:o1' } }))?.consentedAt,
        ).toBeInstanceOf(Date);
        await db().prisma.respondent.delete({ where: { id: r.id } });
        expect(await db().prisma.respondent.count({ where: { id: r.id } })).toBe(0);
      },
      Assessment: async () => {
        const a = await db().prisma.assessment.create({
          data: { municipalityId: 'iserlohn', questionnaireVersion: 1, round: 1 },
        });
        expect(a.status).toBe('in_progress');
        await expect(
          db().prisma.assessment.create({ data: { municipalityId: 'iserlohn', questionnaireVersion: 1, round: 1 } }),
        ).rejects.toThrow();
        await db().prisma.assessment.update({
          where: { id: a.id },
          data: { status: 'completed', completedAt: new Date() },
        });
        expect((await db().prisma.assessment.findUnique({ where: { id: a.id } }))?.status).toBe('completed');
        await db().prisma.assessment.delete({ where: { id: a.id } });
        expect(await db().prisma.assessment.count({ where: { id: a.id } })).toBe(0);
      },
      Answer: async () => {
        const a = await db().prisma.assessment.create({
          data: { municipalityId: 'kiel', questionnaireVersion: 1, round: 1 },
        });
        const r = await db().prisma.respondent.create({ data: { identityKey: 'webchat:u-answer' } });
        const key = { assessmentId: a.id, respondentId: r.id, questionId: 'MS-01' };
        await db().prisma.answer.create({
          data: { ...key, value: 'partial', questionnaireVersion: 1, channel: 'webchat' },
        });
        await expect(
          db().prisma.answer.create({ data: { ...key, value: 'full', questionnaireVersion: 1, channel: 'webchat' } }),
        ).rejects.toThrow();
        await db().prisma.answer.update({
          where: { assessmentId_respondentId_questionId: key },
          data: { value: 'skipped', comment: 'unsicher' },
        });
        expect(
          (await db().prisma.answer.findUnique({ where: { assessmentId_respondentId_questionId: key } }))?.value,
        ).toBe('skipped');
        // Deleting the assessment takes its answers with it.
        await db().prisma.assessment.delete({ where: { id: a.id } });
        expect(await db().prisma.answer.count({ where: key })).toBe(0);
        await db().prisma.respondent.delete({ where: { id: r.id } });
      },
      AnswerHistory: async () => {
        const a = await db().prisma.assessment.create({
          data: { municipalityId: 'aachen', questionnaireVersion: 1, round: 1 },
        });
        const r = await db().prisma.respondent.create({ data: { identityKey: 'webchat:u-history' } });
        const answer = await db().prisma.answer.create({
          data: {
            assessmentId: a.id,
            respondentId: r.id,
            questionId: 'IO-01',
            value: 'none',
            questionnaireVersion: 1,
            channel: 'msteams',
          },
        });
        const h = await db().prisma.answerHistory.create({
          data: { answerId: answer.id, value: 'none', channel: 'msteams' },
        });
        await db().prisma.answerHistory.update({ where: { id: h.id }, data: { comment: 'first' } });
        expect((await db().prisma.answerHistory.findUnique({ where: { id: h.id } }))?.comment).toBe('first');
        await db().prisma.answerHistory.delete({ where: { id: h.id } });
        expect(await db().prisma.answerHistory.count({ where: { id: h.id } })).toBe(0);
        await db().prisma.assessment.delete({ where: { id: a.id } });
        await db().prisma.respondent.delete({ where: { id: r.id } });
      },
      RoleGrant: async () => {
        const g = await db().prisma.roleGrant.create({
          data: { identityKey: 'aad:t:lead', role: 'lead', municipalityId: 'kiel', grantedBy: 'aad:t:c' },
        });
        await expect(
          db().prisma.roleGrant.create({
            data: { identityKey: 'aad:t:lead', role: 'lead', municipalityId: 'kiel', grantedBy: 'x' },
          }),
        ).rejects.toThrow();
        // NULLS NOT DISTINCT: a coordinator grant (no municipality) exists once.
        await db().prisma.roleGrant.create({
          data: { identityKey: 'aad:t:c', role: 'coordinator', grantedBy: 'config' },
        });
        await expect(
          db().prisma.roleGrant.create({ data: { identityKey: 'aad:t:c', role: 'coordinator', grantedBy: 'config' } }),
        ).rejects.toThrow();
        await db().prisma.roleGrant.update({ where: { id: g.id }, data: { grantedBy: 'aad:t:other' } });
        expect((await db().prisma.roleGrant.findUnique({ where: { id: g.id } }))?.grantedBy).toBe('aad:t:other');
        await db().prisma.roleGrant.deleteMany({ where: { identityKey: { in: ['aad:t:lead', 'aad:t:c'] } } });
        expect(await db().prisma.roleGrant.count()).toBe(0);
      },
      ChannelSubscription: async () => {
        const reference = { serviceUrl: 'http://x/', conversation: { id: '19:c@thread' } };
        const s = await db().prisma.channelSubscription.create({
          data: {
            conversationId: '19:c@thread',
            scope: 'kiel',
            serviceUrl: 'http://x/',
            reference,
            createdBy: 'aad:t:c',
          },
        });
        expect(s.status).toBe('active');
        await expect(
          db().prisma.channelSubscription.create({
            data: { conversationId: '19:c@thread', scope: 'kiel', serviceUrl: 'http://x/', reference, createdBy: 'y' },
          }),
        ).rejects.toThrow();
        await db().prisma.channelSubscription.update({
          where: { id: s.id },
          data: { status: 'stale', staleReason: '403' },
        });
        expect((await db().prisma.channelSubscription.findUnique({ where: { id: s.id } }))?.status).toBe('stale');
        await db().prisma.channelSubscription.delete({ where: { id: s.id } });
      },
      PersonalConversation: async () => {
        const reference = { serviceUrl: 'http://x/', conversation: { id: 'a:1' } };
        await db().prisma.personalConversation.create({
          data: { identityKey: 'aad:t:p', conversationId: 'a:1', serviceUrl: 'http://x/', reference },
        });
        expect(
          (await db().prisma.personalConversation.findUnique({ where: { identityKey: 'aad:t:p' } }))?.remindersEnabled,
        ).toBe(true);
        await db().prisma.personalConversation.update({
          where: { identityKey: 'aad:t:p' },
          data: { remindersEnabled: false },
        });
        await db().prisma.personalConversation.delete({ where: { identityKey: 'aad:t:p' } });
        expect(await db().prisma.personalConversation.count()).toBe(0);
      },
      OutboxEvent: async () => {
        const e = await db().prisma.outboxEvent.create({
          data: { idempotencyKey: 'k-event', kind: 'field_completed', municipalityId: 'kiel', fieldId: 'MS' },
        });
        await expect(
          db().prisma.outboxEvent.create({
            data: { idempotencyKey: 'k-event', kind: 'reminder', municipalityId: 'kiel' },
          }),
        ).rejects.toThrow();
        await db().prisma.outboxEvent.update({ where: { id: e.id }, data: { fieldId: 'IO' } });
        await db().prisma.outboxEvent.delete({ where: { id: e.id } });
        expect(await db().prisma.outboxEvent.count()).toBe(0);
      },
      OutboxDelivery: async () => {
        const e = await db().prisma.outboxEvent.create({
          data: { idempotencyKey: 'k-d', kind: 'assessment_completed', municipalityId: 'kiel' },
        });
        const d = await db().prisma.outboxDelivery.create({
          data: { eventId: e.id, idempotencyKey: 'k-d|1', conversationId: 'c' },
        });
        expect(d).toMatchObject({ state: 'queued', attempts: 0, log: [] });
        await expect(
          db().prisma.outboxDelivery.create({ data: { eventId: e.id, idempotencyKey: 'k-d|1', conversationId: 'c' } }),
        ).rejects.toThrow();
        await db().prisma.outboxDelivery.update({ where: { id: d.id }, data: { state: 'sent', activityId: 'a1' } });
        // Deleting the event takes its deliveries with it.
        await db().prisma.outboxEvent.delete({ where: { id: e.id } });
        expect(await db().prisma.outboxDelivery.count({ where: { id: d.id } })).toBe(0);
      },
      OutboxThrottle: async () => {
        await db().prisma.outboxThrottle.create({ data: { key: 'global', until: new Date() } });
        await db().prisma.outboxThrottle.update({ where: { key: 'global' }, data: { until: new Date(0) } });
        expect((await db().prisma.outboxThrottle.findUnique({ where: { key: 'global' } }))?.until.getTime()).toBe(0);
        await db().prisma.outboxThrottle.delete({ where: { key: 'global' } });
      },
      MunicipalityTenant: async () => {
        const t = 'aaaaaaaa-0000-4000-8000-000000000001';
        await db().prisma.municipalityTenant.create({ data: { municipalityId: 'kiel', tenantId: t, createdBy: 'x' } });
        // One registration per municipality and tenant; several municipalities may share a tenant.
        await expect(
          db().prisma.municipalityTenant.create({ data: { municipalityId: 'kiel', tenantId: t, createdBy: 'y' } }),
        ).rejects.toThrow();
        await db().prisma.municipalityTenant.create({
          data: { municipalityId: 'bochum', tenantId: t, createdBy: 'x' },
        });
        await db().prisma.municipalityTenant.update({
          where: { municipalityId_tenantId: { municipalityId: 'kiel', tenantId: t } },
          data: { createdBy: 'z' },
        });
        await db().prisma.municipalityTenant.deleteMany({ where: { tenantId: t } });
        expect(await db().prisma.municipalityTenant.count()).toBe(0);
      },
      Invitation: async () => {
        const data = {
          municipalityId: 'kiel',
          role: 'lead' as const,
          codeHash: 'h1',
          codeStart: 'ABCD',
          maxUses: 1,
          expiresAt: new Date(Date.now() + 1000),
          createdBy: 'x',
        };
        const i = await db().prisma.invitation.create({ data });
        expect(i).toMatchObject({ uses: 0, revokedAt: null });
        await expect(db().prisma.invitation.create({ data })).rejects.toThrow();
        await db().prisma.invitation.update({ where: { id: i.id }, data: { uses: 1, revokedAt: new Date() } });
        await db().prisma.invitation.delete({ where: { id: i.id } });
        expect(await db().prisma.invitation.count()).toBe(0);
      },
      ResumeCode: async () => {
        await db().prisma.resumeCode.create({ data: { identityKey: 'directline:u1', codeHash: 'r1' } });
        await expect(
          db().prisma.resumeCode.create({ data: { identityKey: 'directline:u2', codeHash: 'r1' } }),
        ).rejects.toThrow();
        await db().prisma.resumeCode.update({ where: { identityKey: 'directline:u1' }, data: { codeHash: 'r2' } });
        await db().prisma.resumeCode.delete({ where: { identityKey: 'directline:u1' } });
        expect(await db().prisma.resumeCode.count()).toBe(0);
      },
      RoundSnapshot: async () => {
        const a = await db().prisma.assessment.create({
          data: { municipalityId: 'kiel', questionnaireVersion: 1, round: 90, status: 'completed' },
        });
        const data = { assessmentId: a.id, municipalityId: 'kiel', questionnaireVersion: 1, closedAt: new Date() };
        await db().prisma.roundSnapshot.create({ data: { ...data, answers: { 'MS-01': 'full' } } });
        await expect(db().prisma.roundSnapshot.create({ data: { ...data, answers: {} } })).rejects.toThrow();
        // Deleting the round takes its snapshot with it.
        await db().prisma.assessment.delete({ where: { id: a.id } });
        expect(await db().prisma.roundSnapshot.count()).toBe(0);
      },
      ComparisonRelease: async () => {
        const data = { seq: 1, releasedAt: new Date(), closedUpTo: new Date(), figures: { overall: null } };
        await db().prisma.comparisonRelease.create({ data });
        // Two instances releasing at once: the second insert of the same number fails and gives way.
        await expect(db().prisma.comparisonRelease.create({ data })).rejects.toThrow();
        await db().prisma.comparisonRelease.delete({ where: { seq: 1 } });
      },
      DownloadLink: async () => {
        const data = {
          tokenHash: 't1',
          purpose: 'export' as const,
          issuer: 'aad:t:o',
          municipalityId: 'kiel',
          format: 'pdf',
          expiresAt: new Date(Date.now() + 1000),
        };
        const l = await db().prisma.downloadLink.create({ data });
        expect(l).toMatchObject({ uses: 0, maxUses: 1, locale: 'de' });
        await expect(db().prisma.downloadLink.create({ data })).rejects.toThrow();
        await db().prisma.downloadLink.update({ where: { id: l.id }, data: { uses: 1 } });
        await db().prisma.downloadLink.delete({ where: { id: l.id } });
        expect(await db().prisma.downloadLink.count()).toBe(0);
      },
      AuditEvent: async () => {
        const e = await db().prisma.auditEvent.create({
          data: { action: 'round_closed', actor: 'P-1', municipalityId: 'kiel', detail: { round: 1 } },
        });
        expect(typeof e.id).toBe('bigint');
        // Append-only: the database refuses changes and deletions.
        await expect(db().prisma.auditEvent.update({ where: { id: e.id }, data: { actor: 'P-2' } })).rejects.toThrow();
        await expect(db().prisma.auditEvent.delete({ where: { id: e.id } })).rejects.toThrow();
        expect(await db().prisma.auditEvent.count()).toBe(1);
      },
      AuditPseudonym: async () => {
        await db().prisma.auditPseudonym.create({ data: { identityKey: 'aad:t:o', pseudonym: 'P-1' } });
        await expect(
          db().prisma.auditPseudonym.create({ data: { identityKey: 'aad:t:p', pseudonym: 'P-1' } }),
        ).rejects.toThrow();
        await db().prisma.auditPseudonym.update({ where: { identityKey: 'aad:t:o' }, data: { pseudonym: 'P-3' } });
        await db().prisma.auditPseudonym.delete({ where: { identityKey: 'aad:t:o' } });
        expect(await db().prisma.auditPseudonym.count()).toBe(0);
      },
    };
    expect(Object.keys(samples).sort()).toEqual(dmmf.datamodel.models.map((m) => m.name).sort());
    for (const run of Object.values(samples)) await run();
  });
});
