import type { Request } from 'restify';
import { clientAddress, clientKey, rateLimitKey, withoutPort } from '../../src/http/clientAddress';

const request = (forwardedFor: string | string[] | undefined, remoteAddress = '10.0.0.9') =>
  ({
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    socket: { remoteAddress },
  }) as unknown as Request;

describe('client address for rate limits', () => {
  it.each([
    ['203.0.113.5:51234', '203.0.113.5'],
    ['203.0.113.5', '203.0.113.5'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['::ffff:203.0.113.5', '::ffff:203.0.113.5'],
  ])('strips the port of %s', (input, expected) => {
    expect(withoutPort(input)).toBe(expected);
  });

  it('uses the socket address unless the proxy is trusted', () => {
    expect(clientAddress(request('198.51.100.1'), false)).toBe('10.0.0.9');
    expect(clientAddress(request(undefined), true)).toBe('10.0.0.9');
    expect(clientAddress(request(' , '), true)).toBe('10.0.0.9');
  });

  it('behind a trusted proxy takes the last X-Forwarded-For entry, also over repeated headers', () => {
    expect(clientAddress(request('198.51.100.1, 203.0.113.5:51234'), true)).toBe('203.0.113.5');
    expect(clientAddress(request(['198.51.100.1', '203.0.113.7']), true)).toBe('203.0.113.7');
  });
});

describe('rate-limit key: IPv6 per /64, IPv4-mapped as IPv4', () => {
  it.each([
    ['203.0.113.5', '203.0.113.5'],
    ['::ffff:203.0.113.5', '203.0.113.5'],
    ['::FFFF:203.0.113.5', '203.0.113.5'],
    ['::ffff:cb00:7105', '203.0.113.5'],
    ['0:0:0:0:0:ffff:cb00:7105', '203.0.113.5'],
    ['2001:db8:1:2::a', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:ffff:ffff:ffff:fffe', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8:0:0:1::', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4::/64'],
  ])('%s → %s', (input, expected) => {
    expect(rateLimitKey(input)).toBe(expected);
  });

  it.each(['unknown', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::1', '256.1.1.1', 'g::1', ':1:2:3:4:5:6:7'])(
    '%s is no address: counted as given',
    (input) => {
      expect(rateLimitKey(input)).toBe(input.toLowerCase());
    },
  );

  it('bounds whatever it is given', () => {
    expect(rateLimitKey('x'.repeat(10_000))).toHaveLength(64);
  });

  it('two addresses of one /64 give one key, the next /64 another; through clientKey behind a proxy too', () => {
    expect(clientKey(request('2001:db8:1:2::a'), true)).toBe(clientKey(request('[2001:db8:1:2:8000::1]:443'), true));
    expect(clientKey(request('2001:db8:1:2::a'), true)).not.toBe(clientKey(request('2001:db8:1:3::a'), true));
    expect(clientKey(request(undefined, '::ffff:127.0.0.1'), false)).toBe('127.0.0.1');
  });
});
