import { ConfigError, loadConfig } from '../../src/config';

describe('coordinator configuration', () => {
  it('has defaults: no bootstrap coordinators, reminders after 7 days, outbox poll 1 s', () => {
    expect(loadConfig({}, '/tmp').coordinators).toEqual({
      objectIds: [],
      tenantIds: [],
      reminderAfterDays: 7,
      reminderCheckMinutes: 60,
      outboxPollMs: 1000,
    });
  });

  it('reads comma- or space-separated ids', () => {
    const c = loadConfig(
      {
        COORDINATOR_AAD_OBJECT_IDS: ' 11111111-aaaa-2222-bbbb-333333333333, 44444444-cccc-5555-dddd-666666666666 ',
        COORDINATOR_TENANT_IDS: 'tenant-a tenant-b',
        REMINDER_AFTER_DAYS: '14',
      },
      '/tmp',
    ).coordinators;
    expect(c.objectIds).toEqual(['11111111-aaaa-2222-bbbb-333333333333', '44444444-cccc-5555-dddd-666666666666']);
    expect(c.tenantIds).toEqual(['tenant-a', 'tenant-b']);
    expect(c.reminderAfterDays).toBe(14);
  });

  it.each([
    ['COORDINATOR_AAD_OBJECT_IDS', 'alice@example.org'],
    ['COORDINATOR_TENANT_IDS', 'tenant/../x'],
    ['REMINDER_AFTER_DAYS', '0'],
    ['REMINDER_AFTER_DAYS', 'seven'],
    ['OUTBOX_POLL_MS', '10'],
  ])('refuses %s=%s and names the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value }, '/tmp')).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value }, '/tmp')).toThrow(new RegExp(name));
  });
});
