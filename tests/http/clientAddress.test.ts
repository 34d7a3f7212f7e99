import type { Request } from 'restify';
import { clientAddress, withoutPort } from '../../src/http/clientAddress';

const request = (forwardedFor: string | string[] | undefined, remoteAddress = '10.0.0.9') =>
  ({ headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress } }) as unknown as Request;

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
