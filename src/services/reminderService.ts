/**
 * Reminders: a respondent who paused for more than N days gets one friendly reminder per pause,
 * at most one a week, through the outbox (never resent when uncertain). Time comes from an injected clock.
 */
import { isAssessmentComplete } from '../domain/selbstcheck';
import type { Clock } from '../domain/ports/clock';
import type { OutboxRepository } from '../domain/ports/outbox';
import type { ReminderRepository, StalledRespondent } from '../domain/ports/reminders';
import type { SelfCheckService } from './selfCheckService';

const DAY_MS = 24 * 3600_000;
export const MIN_REMINDER_GAP_MS = 7 * DAY_MS;

export interface ReminderDeps {
  readonly reminders: ReminderRepository;
  readonly outbox: OutboxRepository;
  readonly selfCheck: SelfCheckService;
  readonly clock: Clock;
  readonly afterDays: number;
  readonly log?: { warn(obj: object, msg: string): void };
}

export type ReminderDecision =
  'remind' | 'no_conversation' | 'turned_off' | 'reminded_this_pause' | 'reminded_this_week' | 'complete';

/** Pure rule, so it can be read and tested on its own. */
export function reminderDecision(s: StalledRespondent, now: Date, complete: boolean): ReminderDecision {
  if (complete) return 'complete';
  if (!s.hasConversation) return 'no_conversation';
  if (s.remindersEnabled === false) return 'turned_off';
  if (s.lastRemindedAt !== null && s.lastRemindedAt >= s.lastAnswerAt) return 'reminded_this_pause';
  if (s.lastRemindedAt !== null && now.getTime() - s.lastRemindedAt.getTime() < MIN_REMINDER_GAP_MS)
    return 'reminded_this_week';
  return 'remind';
}

export class ReminderService {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly deps: ReminderDeps) {}

  /** Respondents paused longer than N days, still missing answers (for leads' `wer fehlt`). */
  async stalled(municipalityId?: string): Promise<readonly StalledRespondent[]> {
    const before = new Date(this.deps.clock.now().getTime() - this.deps.afterDays * DAY_MS);
    const candidates = await this.deps.reminders.stalled(before, municipalityId);
    const open: StalledRespondent[] = [];
    for (const s of candidates) if (!(await this.isComplete(s))) open.push(s);
    return open;
  }

  private async isComplete(s: StalledRespondent): Promise<boolean> {
    const assessment = await this.deps.selfCheck.findAssessment(s.assessmentId);
    if (assessment === undefined) return true;
    const answers = await this.deps.selfCheck.answersOf(s.assessmentId, s.respondentId);
    return isAssessmentComplete(this.deps.selfCheck.questionnaire(assessment.questionnaireVersion), answers);
  }

  /** One run of the job; returns how many reminders were queued. */
  async run(): Promise<number> {
    const now = this.deps.clock.now();
    const before = new Date(now.getTime() - this.deps.afterDays * DAY_MS);
    let queued = 0;
    for (const s of await this.deps.reminders.stalled(before)) {
      // Cheap checks first; completeness needs the answers.
      const preliminary = reminderDecision(s, now, false);
      if (preliminary !== 'remind') continue;
      if (reminderDecision(s, now, await this.isComplete(s)) !== 'remind') continue;
      const personal = await this.deps.reminders.find(s.identityKey);
      if (personal === undefined) continue;
      const created = await this.deps.outbox.enqueueReminder({
        // One per pause: the key names the last answer the pause began with.
        idempotencyKey: `reminder:${s.respondentId}:${s.lastAnswerAt.toISOString()}`,
        identityKey: s.identityKey,
        respondentId: s.respondentId,
        municipalityId: s.municipalityId,
        assessmentId: s.assessmentId,
        conversationId: personal.reference.conversation.id,
      });
      // Marked when queued, not when sent: a failed or uncertain reminder must not lead to a second one this week.
      if (created) {
        await this.deps.reminders.markReminded(s.identityKey, now);
        queued++;
      }
    }
    return queued;
  }

  start(intervalMs: number): void {
    if (this.timer) return;
    const runOnce = () => {
      if (this.running) return;
      this.running = this.run()
        .catch((err: unknown) => this.deps.log?.warn({ err }, 'reminder job failed'))
        .finally(() => {
          this.running = undefined;
        });
    };
    this.timer = setInterval(runOnce, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
