import pino from 'pino';

/** A real pino logger that writes nothing. */
export const silentLogger = () => pino({ level: 'silent' });
