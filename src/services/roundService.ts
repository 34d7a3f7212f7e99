/**
 * Closing a round and seeing a round's consolidated results: one use case whoever asks — the lead typing
 * `abschließen` in the self-check, a coordinator's `abschluss <Kommune>`, the dashboard. Closing always
 * writes the `assessment_completed` outbox event in the same statement, so subscribed channels hear of it
 * however the round was closed. Rights come from granted roles only (the access policy); the one exception
 * is a visitor's own sandbox round in the demo, which is theirs to look at and close.
 */
import { decide, type Principal } from '../domain/access';
import type { AuditLog } from '../domain/ports/audit';
import type { Clock } from '../domain/ports/clock';
import type { Assessment } from '../domain/model';
import type { OutboxRepository } from '../domain/ports/outbox';
import type { AssessmentRepository } from '../domain/ports/selfCheck';
import type { AccessService } from './accessService';
import type { ComparisonService } from './comparisonService';

export type CloseOutcome = 'completed' | 'not_allowed' | 'already_completed';

/** What a person may do with a round besides answering in it (what the bot offers once they are done). */
export interface RoundRights {
  /** The consolidated results of everyone (`ergebnis` shows them instead of one's own answers). */
  readonly results: boolean;
  /** The workshop exports of the round's municipality (never for a demo sandbox). */
  readonly export: boolean;
  /** Closing the round: allowed and the round still in progress. */
  readonly close: boolean;
}

const NO_RIGHTS: RoundRights = { results: false, export: false, close: false };

export interface RoundServiceDeps {
  readonly access: Pick<AccessService, 'principalOf'>;
  readonly assessments: Pick<AssessmentRepository, 'find' | 'findCurrent'>;
  /** Marks the round completed and writes its outbox event atomically; false when it was not in progress. */
  readonly rounds: Pick<OutboxRepository, 'completeAssessment'>;
  /** Freezes a closed round for comparisons (docs/scoring.md §10). */
  readonly comparisons: Pick<ComparisonService, 'roundClosed'>;
  readonly audit: Pick<AuditLog, 'record'>;
  readonly clock: Clock;
}

export class RoundService {
  constructor(private readonly deps: RoundServiceDeps) {}

  /** Whether the person may see the round's consolidated results (everyone's answers together). */
  async mayViewResults(identityKey: string, assessmentId: string, respondentId: string): Promise<boolean> {
    return (await this.rightsIn(identityKey, assessmentId, respondentId)).results;
  }

  /** All of a person's rights in the round at once, from granted roles only (one principal lookup). */
  async rightsIn(identityKey: string, assessmentId: string, respondentId: string): Promise<RoundRights> {
    const round = await this.deps.assessments.find(assessmentId);
    if (round === undefined) return NO_RIGHTS;
    const open = round.status === 'in_progress';
    if (round.sandboxOf !== null) {
      const own = round.sandboxOf === respondentId;
      // The demo takes part in no export; its visitor may look at and close their own sandbox.
      return { results: own, export: false, close: own && open };
    }
    const principal = await this.deps.access.principalOf(identityKey);
    const target = { municipalityId: round.municipalityId };
    return {
      results: decide(principal, 'view_results', target).allowed,
      export: decide(principal, 'export', target).allowed,
      close: open && decide(principal, 'close_round', target).allowed,
    };
  }

  /** `abschließen` from within the self-check: the round the person is answering in. */
  async close(identityKey: string, assessmentId: string, respondentId: string): Promise<CloseOutcome> {
    const round = await this.deps.assessments.find(assessmentId);
    if (round === undefined) return 'not_allowed';
    if (round.sandboxOf !== null) {
      if (round.sandboxOf !== respondentId) return 'not_allowed';
    } else {
      const principal = await this.deps.access.principalOf(identityKey);
      if (!decide(principal, 'close_round', { municipalityId: round.municipalityId }).allowed) return 'not_allowed';
    }
    if (round.status !== 'in_progress') return 'already_completed';
    return this.closeRound(round, identityKey);
  }

  /**
   * A coordinator's or lead's `abschluss <Kommune>`: the municipality's current shared round. The caller
   * has resolved the municipality; the right is checked here all the same.
   */
  async closeCurrent(principal: Principal, municipalityId: string): Promise<CloseOutcome> {
    if (!decide(principal, 'mark_complete', { municipalityId }).allowed) return 'not_allowed';
    const current = await this.deps.assessments.findCurrent(municipalityId);
    return current === undefined ? 'already_completed' : this.closeRound(current, principal.identityKey);
  }

  private async closeRound(round: Assessment, identityKey: string): Promise<CloseOutcome> {
    const closed = await this.deps.rounds.completeAssessment(round.id, this.deps.clock.now());
    if (!closed) return 'already_completed';
    // A visitor's sandbox is nobody's accountable act and never compared.
    if (round.sandboxOf !== null) return 'completed';
    await this.deps.audit.record({
      action: 'round_closed',
      actor: identityKey,
      municipalityId: round.municipalityId,
      detail: { round: round.round },
    });
    await this.deps.comparisons.roundClosed(round);
    return 'completed';
  }
}
