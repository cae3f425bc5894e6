import pino, { type Logger } from 'pino';

/** Paths that may hold secrets anywhere in a log object; pino replaces them before writing. */
export const redactedPaths = [
  'creds',
  '*.creds',
  'keys',
  '*.keys',
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'enrolmentToken',
  '*.enrolmentToken',
  'tokenSealed',
  '*.tokenSealed',
  'adminToken',
  '*.adminToken',
  'dataKey',
  '*.dataKey',
  'authorization',
  '*.authorization',
  '*.headers.cookie',
];

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } }, destination);
}
