/**
 * The retention job (issue #17, docs/retention.md): removes what is kept no longer than configured — idle bot
 * state of people who never became respondents, respondents who consented but never answered, long inactive
 * respondents (de-identified as in an erasure), old outbox rows and expired download links. Every instance may
 * run it at once: the store's steps are set-based and idempotent, and the eraser tolerates a person twice.
 * Time comes from an injected clock; the report and the log hold numbers only.
 */
import type { Clock } from '../domain/ports/clock';
import type { DownloadLinkStore } from '../domain/ports/downloads';
import type { PersonEraser } from '../domain/ports/privacy';
import type { RetentionPeriods, RetentionReport, RetentionStore } from '../domain/ports/retention';
import { EXPIRED_LINK_KEPT_MS } from './exportLinks';

const DAY_MS = 24 * 3600_000;
/** Persons handed to the eraser per rule and run: one run stays short, the next one takes the rest. */
export const DEFAULT_ERASE_BATCH = 200;

export interface RetentionDeps {
  readonly store: RetentionStore;
  readonly eraser: PersonEraser;
  readonly links: Pick<DownloadLinkStore, 'deleteExpired'>;
  readonly clock: Clock;
  readonly periods: RetentionPeriods;
  readonly eraseBatch?: number;
  readonly log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * `months` calendar months before `at`, the day clamped to the target month's last day (31 March minus one
 * month is 28/29 February, as PostgreSQL's interval arithmetic does), time of day kept.
 */
export function monthsBefore(at: Date, months: number): Date {
  const total = at.getUTCFullYear() * 12 + at.getUTCMonth() - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const d = new Date(at.getTime());
  d.setUTCFullYear(year, month, Math.min(at.getUTCDate(), lastDay));
  return d;
}

/** The instants before which each rule applies, for one run at `now`. */
export function retentionCutoffs(now: Date, p: RetentionPeriods) {
  const daysBefore = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    state: daysBefore(p.stateDays),
    unanswered: daysBefore(p.unansweredDays),
    outbox: daysBefore(p.outboxDays),
    inactive: monthsBefore(now, p.inactiveMonths),
    // Expired links stay a while so a late click says "expired" rather than "unknown" (exportLinks.ts).
    links: new Date(now.getTime() - EXPIRED_LINK_KEPT_MS),
  };
}

/** Name and code only: a database error's message may quote the values of the statement (ids). */
function errorFields(err: unknown): { error: string; code?: string } {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
  return { error: err instanceof Error ? err.name : typeof err, ...(code !== undefined ? { code } : {}) };
}

export class RetentionService {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly deps: RetentionDeps) {}

  /** One run of every rule. A failing step is logged and counted; the other steps still run. */
  async runOnce(): Promise<RetentionReport> {
    const { store, links, clock, periods } = this.deps;
    const cut = retentionCutoffs(clock.now(), periods);
    const batch = this.deps.eraseBatch ?? DEFAULT_ERASE_BATCH;
    let failures = 0;
    const step = async <T>(name: string, fallback: T, fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (err) {
        failures++;
        this.deps.log?.warn({ step: name, ...errorFields(err) }, 'retention step failed');
        return fallback;
      }
    };
    const erase = async (name: string, keys: readonly string[]): Promise<number> => {
      let erased = 0;
      for (const key of keys) {
        // One person at a time, each in the eraser's own transaction: one failure does not stop the others.
        const done = await step(name, false, async () => (await this.deps.eraser(key)).erased);
        if (done) erased++;
      }
      return erased;
    };

    const stateRows = await step('state', 0, () => store.deleteIdleState(cut.state));
    const unansweredErased = await erase(
      'unanswered',
      await step('unanswered', [], () => store.unanswered(cut.unanswered, batch)),
    );
    const inactiveErased = await erase(
      'inactive',
      await step('inactive', [], () => store.inactive(cut.inactive, batch)),
    );
    const outbox = await step('outbox', { deliveries: 0, events: 0 }, () => store.purgeOutbox(cut.outbox));
    const downloadLinks = await step('links', 0, () => links.deleteExpired(cut.links));

    const report: RetentionReport = {
      stateRows,
      unansweredErased,
      inactiveErased,
      outboxDeliveries: outbox.deliveries,
      outboxEvents: outbox.events,
      downloadLinks,
      failures,
    };
    // Counts only: nothing about the people or conversations.
    if (Object.values(report).some((n) => n > 0)) this.deps.log?.info({ ...report }, 'retention run');
    return report;
  }

  /**
   * Runs every `intervalMs`, the first time one interval after the start (like the reminders), so a start-up
   * is not slowed by it; the timer does not keep the process alive, and a run in progress is not started twice.
   */
  start(intervalMs: number): void {
    if (this.timer) return;
    const tick = () => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((err: unknown) => this.deps.log?.warn(errorFields(err), 'retention run failed'))
        .finally(() => {
          this.running = undefined;
        });
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress (before the database closes). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
