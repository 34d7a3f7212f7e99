import type { Clock } from '../domain/ports/clock';

/** The machine's time: the one Clock of a running service (tests inject their own). */
export const systemClock: Clock = { now: () => new Date() };
