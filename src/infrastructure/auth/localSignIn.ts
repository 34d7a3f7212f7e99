/**
 * Local sign-in stand-in for the dashboard in a plain browser (demos, local development): the person picks
 * an identity key and gets a short-lived token signed with a key that exists only in this process.
 * Configuration allows it only with NODE_ENV=development or test and no real sign-in configured (see config.ts
 * DASHBOARD_LOCAL_SIGNIN); the same role checks apply.
 */
import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { parseAadIdentityKey } from '../../domain/access';
import { TokenError, type TokenVerifier, type VerifiedIdentity } from './aadTokenVerifier';

export const LOCAL_ISSUER = 'urn:weltoffen-bot:local-sign-in';
const TTL_SECONDS = 8 * 3600;

export class LocalSignIn implements TokenVerifier {
  private readonly secret = randomBytes(32);

  /** Undefined for anything that is not an `aad:<tenant>:<object id>` key. */
  issue(identityKey: string): { token: string; expiresIn: number } | undefined {
    const aad = parseAadIdentityKey(identityKey.trim().toLowerCase());
    if (aad === undefined || !/^[\w.-]{1,64}$/.test(aad.tenantId) || !/^[\w.-]{1,64}$/.test(aad.objectId))
      return undefined;
    const token = jwt.sign({ tid: aad.tenantId, oid: aad.objectId }, this.secret, {
      algorithm: 'HS256',
      issuer: LOCAL_ISSUER,
      audience: LOCAL_ISSUER,
      expiresIn: TTL_SECONDS,
    });
    return { token, expiresIn: TTL_SECONDS };
  }

  /** Asynchronous for the TokenVerifier interface (the identity platform's check fetches keys); this one needs nothing. */
  verify(token: string): Promise<VerifiedIdentity> {
    try {
      return Promise.resolve(this.check(token));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new TokenError('invalid token'));
    }
  }

  private check(token: string): VerifiedIdentity {
    try {
      const claims = jwt.verify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: LOCAL_ISSUER,
        audience: LOCAL_ISSUER,
      });
      if (typeof claims === 'string' || typeof claims.tid !== 'string' || typeof claims.oid !== 'string')
        throw new TokenError('unexpected token payload');
      return {
        identityKey: `aad:${claims.tid}:${claims.oid}`,
        tenantId: claims.tid,
        objectId: claims.oid,
        name: undefined,
      };
    } catch (err) {
      if (err instanceof TokenError) throw err;
      throw new TokenError((err as Error).message);
    }
  }
}

/** Local tokens go to the local stand-in (when enabled), everything else to the identity platform check. */
export function chooseVerifier(
  token: string,
  aad: TokenVerifier | undefined,
  local: LocalSignIn | undefined,
): TokenVerifier | undefined {
  const decoded = jwt.decode(token, { complete: true });
  const iss = decoded !== null && typeof decoded.payload !== 'string' ? decoded.payload.iss : undefined;
  return iss === LOCAL_ISSUER ? local : aad;
}

/**
 * The identity key behind a request's `Authorization: Bearer` token (tab SSO or the local stand-in), or
 * undefined when there is none or it does not verify. For routes outside the dashboard (exports).
 */
export function bearerIdentity(
  aad: TokenVerifier | undefined,
  local: LocalSignIn | undefined,
): (req: { headers: Record<string, string | string[] | undefined> }) => Promise<string | undefined> {
  return async (req) => {
    const token = /^Bearer\s+(\S+)$/i.exec(String(req.headers['authorization'] ?? ''))?.[1];
    const verifier = token === undefined ? undefined : chooseVerifier(token, aad, local);
    if (token === undefined || verifier === undefined) return undefined;
    try {
      return (await verifier.verify(token)).identityKey;
    } catch {
      return undefined;
    }
  };
}
