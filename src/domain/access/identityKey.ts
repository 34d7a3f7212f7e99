/**
 * Identity keys of Teams and tab SSO users: `aad:<tenantId>:<objectId>`, lower-cased so the same person is
 * the same key whichever client or token spelled the ids. Pure, so the bot, the services and the token
 * verifiers (infrastructure) share one definition.
 */
export function aadIdentityKey(tenantId: string, objectId: string): string {
  return `aad:${tenantId.toLowerCase()}:${objectId.toLowerCase()}`;
}

export function parseAadIdentityKey(identityKey: string): { tenantId: string; objectId: string } | undefined {
  const m = /^aad:([^:]+):([^:]+)$/.exec(identityKey);
  return m ? { tenantId: m[1] ?? '', objectId: m[2] ?? '' } : undefined;
}
