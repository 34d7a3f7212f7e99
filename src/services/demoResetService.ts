/**
 * Resets the demo municipality: a visitor's sandbox round (with its answers) is removed a fixed time after it
 * started. A visitor who comes back afterwards simply gets a fresh sandbox (AssessmentRepository.currentOrStart).
 * Runs once at start and then periodically; time comes from an injected clock.
 */
import type { Clock } from '../domain/ports/clock';
import type { DemoSandboxRepository } from '../domain/ports/demo';

const HOUR_MS = 3600_000;
/** How often the job looks for sandboxes to remove: a sandbox lives its reset time plus at most this. */
export const DEMO_RESET_INTERVAL_MS = HOUR_MS;

export interface DemoResetDeps {
  readonly sandboxes: DemoSandboxRepository;
  readonly clock: Clock;
  /** A sandbox is removed this many hours after it started. */
  readonly resetHours: number;
  readonly log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export class DemoResetService {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly deps: DemoResetDeps) {}

  /** One run of the job; returns how many sandbox rounds were removed. */
  async run(): Promise<number> {
    const before = new Date(this.deps.clock.now().getTime() - this.deps.resetHours * HOUR_MS);
    const removed = await this.deps.sandboxes.removeStartedBefore(before);
    // A count only: nothing about the visitors.
    if (removed > 0) this.deps.log?.info({ removed }, 'demo sandboxes reset');
    return removed;
  }

  /** Runs now and then every `intervalMs`; the timer does not keep the process alive. */
  start(intervalMs: number = DEMO_RESET_INTERVAL_MS): void {
    if (this.timer) return;
    const runOnce = () => {
      if (this.running) return;
      this.running = this.run()
        .catch((err: unknown) => this.deps.log?.warn({ err }, 'demo reset failed'))
        .finally(() => {
          this.running = undefined;
        });
    };
    this.timer = setInterval(runOnce, intervalMs);
    this.timer.unref();
    runOnce();
  }

  /** Stops the timer and waits for a run in progress (before the database closes). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
