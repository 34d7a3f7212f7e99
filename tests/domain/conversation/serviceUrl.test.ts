import {
  BOT_FRAMEWORK_SERVICE_HOSTS,
  isLoopbackHost,
  isServiceUrlAllowed,
  parseServiceUrlEntry,
  serviceUrlPolicy,
  type ServiceUrlEntry,
} from '../../../src/domain/conversation/serviceUrl';

const entries = (...values: string[]): ServiceUrlEntry[] =>
  values.map((v) => {
    const e = parseServiceUrlEntry(v);
    if ('error' in e) throw new Error(e.error);
    return e;
  });

describe('serviceUrl policy', () => {
  const teams = serviceUrlPolicy([], false);
  const local = serviceUrlPolicy([], true);

  it('names the Bot Framework and Teams hosts of every cloud', () => {
    expect(BOT_FRAMEWORK_SERVICE_HOSTS).toEqual(
      expect.arrayContaining([
        'smba.trafficmanager.net',
        '*.botframework.com',
        'smba.infra.gcc.teams.microsoft.com',
        'smba.infra.gov.teams.microsoft.us',
        'smba.infra.dod.teams.microsoft.us',
        '*.botframework.azure.us',
        '*.botframework.azure.cn',
        '*.teams.microsoftonline.cn',
      ]),
    );
  });

  it.each([
    'https://smba.trafficmanager.net/teams/',
    'https://smba.trafficmanager.net/emea/',
    'https://smba.trafficmanager.net/amer/',
    'https://smba.trafficmanager.net/apac/',
    'https://SMBA.trafficmanager.net/de/',
    'https://webchat.botframework.com/',
    'https://europe.webchat.botframework.com/',
    'https://europe.directline.botframework.com/v3/directline',
    'https://india.webchat.botframework.com/',
    'https://smba.infra.gcc.teams.microsoft.com/teams',
    'https://smba.infra.gov.teams.microsoft.us/teams',
    'https://smba.infra.dod.teams.microsoft.us/teams',
    'https://webchat.botframework.azure.us/',
    'https://webchat.botframework.azure.cn/',
    'https://smba.teams.microsoftonline.cn/teams/',
    'https://smba.trafficmanager.net:443/teams/',
  ])('allows %s in every mode', (url) => {
    expect(isServiceUrlAllowed(url, teams)).toBe(true);
    expect(isServiceUrlAllowed(url, local)).toBe(true);
  });

  it.each([
    ['http on a Teams host', 'http://smba.trafficmanager.net/teams/'],
    ['another port on a Teams host', 'https://smba.trafficmanager.net:8443/teams/'],
    ['a look-alike Traffic Manager name', 'https://smbaevil.trafficmanager.net/teams/'],
    ['another Traffic Manager profile', 'https://attacker.trafficmanager.net/'],
    ['a suffix trick', 'https://webchat.botframework.com.attacker.example/'],
    ['a suffix without a dot', 'https://evilbotframework.com/'],
    ['the bare domain', 'https://botframework.com/'],
    ['credentials in the URL', 'https://user:pw@smba.trafficmanager.net/teams/'],
    ['an arbitrary host', 'https://attacker.example/'],
    ['a metadata address', 'http://169.254.169.254/latest/'],
    ['a private address', 'https://10.0.0.1/'],
    ['not a URL', 'smba.trafficmanager.net/teams'],
    ['a file URL', 'file:///etc/passwd'],
    ['a trailing-dot host', 'https://smba.trafficmanager.net./teams/'],
  ])('refuses %s', (_name, url) => {
    expect(isServiceUrlAllowed(url, teams)).toBe(false);
    expect(isServiceUrlAllowed(url, local)).toBe(false);
  });

  it('refuses anything but a string', () => {
    for (const v of [undefined, null, 42, {}, ['https://smba.trafficmanager.net/teams/']])
      expect(isServiceUrlAllowed(v, local)).toBe(false);
    expect(isServiceUrlAllowed(`https://smba.trafficmanager.net/${'x'.repeat(3000)}`, teams)).toBe(false);
  });

  it('allows loopback (http or https, any port) only in local mode', () => {
    for (const url of [
      'http://127.0.0.1:9/teams/',
      'http://localhost:3979/',
      'https://127.1.2.3:8443/',
      'http://[::1]:9/',
      'http://2130706433:9/',
    ]) {
      expect({ url, local: isServiceUrlAllowed(url, local), teams: isServiceUrlAllowed(url, teams) }).toEqual({
        url,
        local: true,
        teams: false,
      });
    }
    for (const url of [
      'http://127.0.0.1.attacker.example/',
      'http://localhost.attacker.example/',
      'http://[::ffff:10.0.0.1]/',
      'http://0.0.0.0:9/',
    ]) {
      expect(isServiceUrlAllowed(url, local)).toBe(false);
    }
    expect(['127.0.0.1', '127.255.255.255', 'localhost', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['128.0.0.1', '127.0.0.256', '0.0.0.0', '::1', 'example.org'].some(isLoopbackHost)).toBe(false);
  });

  it('is extended by configured hosts (https only) and exact origins (http only on loopback)', () => {
    const extended = serviceUrlPolicy(
      entries('bots.example.org', '*.connector.example.org', 'https://relay.example.org:8443', 'http://127.0.0.1:4001'),
      false,
    );
    expect(isServiceUrlAllowed('https://bots.example.org/x', extended)).toBe(true);
    expect(isServiceUrlAllowed('https://a.connector.example.org/', extended)).toBe(true);
    expect(isServiceUrlAllowed('https://relay.example.org:8443/v3/', extended)).toBe(true);
    expect(isServiceUrlAllowed('http://127.0.0.1:4001/', extended)).toBe(true);
    expect(isServiceUrlAllowed('http://bots.example.org/x', extended)).toBe(false);
    expect(isServiceUrlAllowed('https://relay.example.org/v3/', extended)).toBe(false);
    expect(isServiceUrlAllowed('http://127.0.0.1:4002/', extended)).toBe(false);
    expect(isServiceUrlAllowed('https://smba.trafficmanager.net/teams/', extended)).toBe(true);
  });

  it.each([
    'http://bots.example.org',
    'http://10.0.0.1:80',
    'https://bots.example.org/path',
    'https://u:p@bots.example.org',
    'bots example',
    '*',
    '*.org.',
    'ftp://bots.example.org',
  ])('refuses the configured entry %s with a reason', (value) => {
    expect(parseServiceUrlEntry(value)).toEqual({ error: expect.stringContaining(value) as unknown });
  });
});
