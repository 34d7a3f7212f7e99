import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** An OpenID metadata + JWKS endpoint on loopback, and RS256 tokens signed with its key or a forged one. */
export interface LocalIdentityProvider {
  metadataUrl: string;
  sign(claims: Record<string, unknown>, opts?: { forged?: boolean; kid?: string }): string;
  close(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function signJwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(claims));
  const signer = createSign('RSA-SHA256');
  signer.update(`${head}.${body}`);
  return `${head}.${body}.${signer.sign(key).toString('base64url')}`;
}

export async function startLocalIdentityProvider(): Promise<LocalIdentityProvider> {
  const real = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forged = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'local-key-1';
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(
        JSON.stringify({
          issuer: 'https://api.botframework.com',
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/keys') {
      res.end(
        JSON.stringify({ keys: [{ ...real.publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/.well-known/openid-configuration`,
    sign: (claims, opts = {}) => signJwt(opts.forged ? forged.privateKey : real.privateKey, opts.kid ?? kid, claims),
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        // The service's metadata client keeps its connection alive; end it so close() does not wait for its timeout.
        server.closeAllConnections();
      }),
  };
}
