/**
 * Personal resume codes (`WR-…`): a web chat user carries their identity to another device or browser
 * with one. A code is as good as the person's password, so only its hash is stored (the repository's
 * business), a new one replaces the old, and guessing is bounded per identity and per conversation.
 * Teams identities never get one: Teams is the same person on every device.
 */
import type { Code, CodeKind } from '../domain/membership/codes';
import type { AuditLog } from '../domain/ports/audit';
import type { Clock } from '../domain/ports/clock';
import type { ResumeCodeRepository } from '../domain/ports/membership';
import type { RateBucket, RateLimits } from '../domain/ports/rateLimits';
import { recordQuietly, type AuditFailureLog } from './auditService';

export type ResumeCodeResolution =
  | { readonly kind: 'valid'; readonly identityKey: string }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'rateLimited'; readonly retryAfterMs: number };

/** Who tries a code, and where: the two keys guessing is counted by. */
export interface ResumeAttempt {
  readonly identityKey: string;
  readonly conversationId: string;
}

export interface ResumeCodeDeps {
  readonly codes: ResumeCodeRepository;
  readonly limits: RateLimits;
  readonly clock: Clock;
  /** A fresh random code of the kind (infrastructure's `newCode`; tests inject their own). */
  readonly generate: (kind: CodeKind) => Code;
  /**
   * The audit trail: a resume code issued and used (`kind: 'resume'`, the person as actor and subject, never the
   * code). Quietly: these are the person's own steps (consent, another device), which the trail must not stop.
   */
  readonly audit: Pick<AuditLog, 'record'>;
  readonly log?: AuditFailureLog;
}

const RESUME = { kind: 'resume' } as const;

/**
 * Attempts to use a code, per identity and per conversation. Every attempt counts, a right one too: the
 * limit has to be checked before the lookup (otherwise a blocked guesser would still learn a hit), and the
 * port cannot look without counting. Someone with the right code needs one attempt; 60 random bits make
 * guessing hopeless at these rates even with fresh identities (new conversations are limited per address).
 */
export const RESUME_ATTEMPT_BUCKETS = {
  identity: { name: 'resume.attempts.identity', limit: 5, windowMs: 15 * 60_000 },
  conversation: { name: 'resume.attempts.conversation', limit: 10, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateBucket>;

/**
 * Whether an identity can hold and use a resume code: web chat identities only. Teams identities
 * (`aad:<tenant>:<object id>`, or `msteams:<id>` when Teams named no AAD object) are the same person on
 * every device and must never be taken over by a code.
 */
export function canHoldResumeCode(identityKey: string): boolean {
  return !identityKey.startsWith('aad:') && !identityKey.startsWith('msteams:');
}

export class ResumeCodeService {
  constructor(private readonly deps: ResumeCodeDeps) {}

  /**
   * A new resume code for the identity, replacing any earlier one (which stops working at once). Returns
   * the code's canonical text, to be shown once to its owner. Throws for a Teams identity: callers ask
   * `canHoldResumeCode` first.
   */
  async issue(identityKey: string): Promise<string> {
    if (!canHoldResumeCode(identityKey)) throw new Error('resume codes are for web chat identities only');
    const code = this.deps.generate('resume');
    if (code.kind !== 'resume') throw new Error('the code generator returned a code of another kind');
    await this.deps.codes.issue(identityKey, code.text);
    await recordQuietly(
      this.deps.audit,
      { action: 'code_issued', actor: identityKey, subject: identityKey, detail: RESUME },
      this.deps.log,
    );
    return code.text;
  }

  /**
   * The identity a resume code belongs to. `invalid` says nothing about why (unknown, replaced, not a
   * resume code, or tried from a Teams identity); `rateLimited` comes before any lookup.
   */
  async resolve(code: Code, attempt: { identityKey: string; conversationId: string }): Promise<ResumeCodeResolution> {
    if (code.kind !== 'resume' || !canHoldResumeCode(attempt.identityKey)) return { kind: 'invalid' };
    const now = this.deps.clock.now().getTime();
    const byIdentity = await this.deps.limits.hit(RESUME_ATTEMPT_BUCKETS.identity, attempt.identityKey, now);
    if (!byIdentity.ok) return { kind: 'rateLimited', retryAfterMs: byIdentity.retryAfterMs };
    const byConversation = await this.deps.limits.hit(RESUME_ATTEMPT_BUCKETS.conversation, attempt.conversationId, now);
    if (!byConversation.ok) return { kind: 'rateLimited', retryAfterMs: byConversation.retryAfterMs };
    const identityKey = await this.deps.codes.resolve(code.text);
    if (identityKey === undefined || !canHoldResumeCode(identityKey)) return { kind: 'invalid' };
    await recordQuietly(
      this.deps.audit,
      { action: 'code_used', actor: identityKey, subject: identityKey, detail: RESUME },
      this.deps.log,
    );
    return { kind: 'valid', identityKey };
  }
}
