import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('logger', () => {
  it('never writes central server tokens, wherever they sit in a log object', () => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info({ request: { enrolmentToken: 'enrol-secret', url: 'http://server' }, config: { tokenSealed: 'sealed-secret' }, token: 'ws-secret' }, 'sync');
    expect(written).toContain('http://server');
    for (const secret of ['enrol-secret', 'sealed-secret', 'ws-secret']) expect(written).not.toContain(secret);
  });
});
