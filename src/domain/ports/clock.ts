/**
 * Time, injected so that jobs, round closing and the dashboard's "stalled" rule can be tested with a
 * controlled clock. The composition root creates the one clock of the process.
 */
export interface Clock {
  now(): Date;
}
