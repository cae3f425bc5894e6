import { describe, expect, it } from 'vitest';
import { rawProblemOf, rawProblems } from './raw-problem';
import en from '../i18n/en.json';
import es from '../i18n/es.json';

describe('a library error in words a person can act on', () => {
  it('reads a dropped connection for its cause', () => {
    expect(rawProblemOf('connection', 'WebSocket Error (getaddrinfo ENOTFOUND web.whatsapp.com)')).toBe('offline');
    expect(rawProblemOf('connection', 'getaddrinfo EAI_AGAIN web.whatsapp.com')).toBe('offline');
    expect(rawProblemOf('connection', 'WebSocket Error (connect ECONNREFUSED 127.0.0.1:443)')).toBe('unreachable');
    expect(rawProblemOf('connection', 'Timed Out')).toBe('timeout');
    expect(rawProblemOf('connection', 'Stream Errored (conflict)')).toBe('replaced');
    expect(rawProblemOf('connection', 'Connection Failure')).toBe('closed');
  });

  it('reads why a message was not sent: our outbox, WhatsApp refusing it, the network', () => {
    expect(rawProblemOf('send', 'The account is not connected')).toBe('not_connected');
    expect(rawProblemOf('send', 'The file to send is no longer in the data folder')).toBe('file_gone');
    expect(rawProblemOf('send', 'The conversation is gone')).toBe('chat_gone');
    expect(rawProblemOf('send', '463')).toBe('refused');
    expect(rawProblemOf('send', 'not-acceptable')).toBe('refused');
    expect(rawProblemOf('send', 'rate-overlimit')).toBe('rate_limited');
    expect(rawProblemOf('send', 'Media upload failed on all hosts')).toBe('upload_failed');
    expect(rawProblemOf('send', 'getaddrinfo ENOTFOUND mmg.whatsapp.net')).toBe('offline');
    expect(rawProblemOf('send', 'Connection Closed')).toBe('closed');
    expect(rawProblemOf('send', 'Baileys returned no message')).toBe('failed');
    expect(rawProblemOf('send', 'failed')).toBe('failed');
  });

  it('reads a failed sync with the central server', () => {
    expect(rawProblemOf('sync', 'HTTP 401: token rejected')).toBe('token_rejected');
    expect(rawProblemOf('sync', 'fetch failed')).toBe('unreachable');
    expect(rawProblemOf('sync', 'connect ECONNREFUSED 10.0.0.5:8787')).toBe('unreachable');
    expect(rawProblemOf('sync', 'The server could not be reached (other side closed).')).toBe('unreachable');
    expect(rawProblemOf('sync', 'HTTP 503')).toBe('server_error');
    expect(rawProblemOf('sync', 'Unexpected end of JSON input')).toBe('failed');
  });

  it('has a sentence for every cause in both languages', () => {
    for (const [kind, problems] of Object.entries(rawProblems)) {
      for (const problem of problems) {
        const path = ['problems', kind, problem];
        const lookup = (tree: unknown) => path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
        expect(typeof lookup(en), path.join('.')).toBe('string');
        expect(typeof lookup(es), path.join('.')).toBe('string');
      }
    }
  });
});
