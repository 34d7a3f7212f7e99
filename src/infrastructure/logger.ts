import pino, { type Logger } from 'pino';

/**
 * Structured logs. Message texts and names never appear at info level: we log ids, types and timings;
 * the redaction is a second line of defence for objects logged by mistake.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'weltoffen-bot' },
    redact: {
      paths: ['text', '*.text', 'from.name', '*.from.name', 'recipient.name', '*.recipient.name', 'value', '*.value'],
      censor: '[redacted]',
    },
  });
}
