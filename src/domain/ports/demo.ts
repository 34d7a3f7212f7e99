/**
 * The demo municipality ("Musterstadt (Demo)"): anyone may try the self-check there, each visitor in a private
 * sandbox round. Sandboxes are not kept: the reset job removes them a while after they started.
 */
export interface DemoSandboxRepository {
  /**
   * Removes every round of the demo that started before `before`: visitors' sandboxes and any round of the demo
   * municipality itself. Their answers and answer history go with them. Returns how many rounds were removed.
   */
  removeStartedBefore(before: Date): Promise<number>;
}
