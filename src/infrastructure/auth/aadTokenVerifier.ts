/**
 * Checks the tab's single sign-on tokens (Teams `authentication.getAuthToken`): RS256 signature against the
 * keys the identity platform publishes (OpenID metadata -> jwks_uri), issuer of the token's own tenant (v2.0
 * and v1 form), audience (the tab app's client id or its application id URI), tenant allow-list, expiry and
 * not-before with at most 60 s clock skew, and that it is a delegated user token (`scp`; `idtyp` "user" where present).
 * jsonwebtoken does the JWT checks; keys are imported with node:crypto straight from the JWK set.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { aadIdentityKey } from '../../domain/access';

export interface VerifiedIdentity {
  readonly identityKey: string;
  readonly tenantId: string;
  readonly objectId: string;
  /** Display name from the token, when it carries one. */
  readonly name: string | undefined;
}

export interface TokenVerifier {
  /** Resolves the identity or rejects with a TokenError (answered with 401). */
  verify(token: string): Promise<VerifiedIdentity>;
}

export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface AadTokenVerifierOptions {
  /** e.g. https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration; tests serve their own on loopback. */
  readonly metadataUrl: string;
  /** Accepted `aud` values: the app's client id (v2 tokens) and its application id URI (v1 tokens). */
  readonly audiences: readonly string[];
  /** Configured or registered tenants; asked only after the signature, issuer and audience checked out. */
  readonly isAllowedTenant: (tenantId: string) => boolean | Promise<boolean>;
  /** Allowed clock skew for exp/nbf; at most (and by default) MAX_CLOCK_SKEW_SECONDS. */
  readonly clockToleranceSeconds?: number;
  readonly fetchImpl?: typeof fetch;
  readonly now?: () => number;
}

interface Jwk {
  kid?: string;
  kty?: string;
  use?: string;
  [key: string]: unknown;
}

const KEYS_MAX_AGE_MS = 24 * 3600 * 1000;
/** An unknown key id refreshes the keys at most this often, so forged key ids cannot hammer the provider. */
const UNKNOWN_KID_REFRESH_MS = 5 * 60 * 1000;
const FETCH_TIMEOUT_MS = 5000;
/** Tokens live about an hour; a minute of skew covers real clocks without stretching a stolen token's life. */
export const MAX_CLOCK_SKEW_SECONDS = 60;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Signing keys from OpenID metadata, cached for a day and refreshed early (rate-limited) for unknown key ids. */
export class JwksKeyStore {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly metadataUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {}

  async key(kid: string): Promise<KeyObject | undefined> {
    const age = this.now() - this.fetchedAt;
    if (this.fetchedAt === 0 || age > KEYS_MAX_AGE_MS || (!this.keys.has(kid) && age > UNKNOWN_KID_REFRESH_MS)) {
      await (this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined)));
    }
    return this.keys.get(kid);
  }

  private async getJson(url: string): Promise<unknown> {
    const res = await this.fetchImpl(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    return res.json();
  }

  private async refresh(): Promise<void> {
    const metadata = (await this.getJson(this.metadataUrl)) as { jwks_uri?: unknown };
    if (typeof metadata.jwks_uri !== 'string') throw new Error('OpenID metadata without jwks_uri');
    const set = (await this.getJson(metadata.jwks_uri)) as { keys?: Jwk[] };
    const keys = new Map<string, KeyObject>();
    for (const jwk of set.keys ?? []) {
      if (typeof jwk.kid !== 'string' || jwk.kty !== 'RSA' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
      try {
        keys.set(jwk.kid, createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }));
      } catch {
        // A malformed key is skipped; tokens signed with it then fail as unknown key.
      }
    }
    this.keys = keys;
    this.fetchedAt = this.now();
  }
}

export class AadTokenVerifier implements TokenVerifier {
  private readonly keys: JwksKeyStore;

  constructor(private readonly options: AadTokenVerifierOptions) {
    this.keys = new JwksKeyStore(options.metadataUrl, options.fetchImpl, options.now);
  }

  async verify(token: string): Promise<VerifiedIdentity> {
    const decoded = jwt.decode(token, { complete: true });
    if (decoded === null || typeof decoded.payload === 'string') throw new TokenError('not a JWT');
    if (decoded.header.alg !== 'RS256') throw new TokenError(`unexpected algorithm ${decoded.header.alg}`);
    const kid = decoded.header.kid;
    if (kid === undefined) throw new TokenError('token without key id');
    let key: KeyObject | undefined;
    try {
      key = await this.keys.key(kid);
    } catch (err) {
      throw new TokenError(`signing keys unavailable: ${(err as Error).message}`);
    }
    if (key === undefined) throw new TokenError('unknown signing key');

    let claims: jwt.JwtPayload;
    try {
      const verified = jwt.verify(token, key, {
        algorithms: ['RS256'],
        audience: this.options.audiences as [string, ...string[]],
        clockTolerance: Math.min(this.options.clockToleranceSeconds ?? MAX_CLOCK_SKEW_SECONDS, MAX_CLOCK_SKEW_SECONDS),
        clockTimestamp: this.options.now ? Math.floor(this.options.now() / 1000) : undefined,
      });
      if (typeof verified === 'string') throw new TokenError('unexpected token payload');
      claims = verified;
    } catch (err) {
      if (err instanceof TokenError) throw err;
      throw new TokenError((err as Error).message);
    }
    // exp is required: jsonwebtoken only checks it when present.
    if (typeof claims.exp !== 'number') throw new TokenError('token without expiry');
    // Only a person's delegated token: an app-only token (client credentials: `roles`, `idtyp: app`, no `scp`)
    // for our audience would otherwise pass as whichever object id the calling app has.
    if (typeof claims.scp !== 'string' || claims.scp.trim() === '')
      throw new TokenError('not a delegated user token (no scp)');
    if (claims.idtyp !== undefined && claims.idtyp !== 'user') throw new TokenError('not a user token (idtyp)');

    const tid = typeof claims.tid === 'string' ? claims.tid : '';
    const oid = typeof claims.oid === 'string' ? claims.oid : '';
    if (!GUID.test(tid) || oid === '') throw new TokenError('token without tenant or object id');
    // The issuer must be the token's own tenant: v2.0 tokens from login.microsoftonline.com, v1 from sts.windows.net.
    const t = tid.toLowerCase();
    const issuers = [`https://login.microsoftonline.com/${t}/v2.0`, `https://sts.windows.net/${t}/`];
    if (typeof claims.iss !== 'string' || !issuers.includes(claims.iss.toLowerCase())) {
      throw new TokenError('unexpected issuer');
    }
    if (!(await this.options.isAllowedTenant(tid))) throw new TokenError('tenant not allowed');
    return {
      identityKey: aadIdentityKey(tid, oid),
      tenantId: tid.toLowerCase(),
      objectId: oid.toLowerCase(),
      name: typeof claims.name === 'string' ? claims.name : undefined,
    };
  }
}
