import { describe, expect, it } from 'vitest';
import { connectionProblemOf } from './connection-problem';

describe('a dropped connection in words a person can act on', () => {
  it('reads the library text for its cause', () => {
    expect(connectionProblemOf('WebSocket Error (getaddrinfo ENOTFOUND web.whatsapp.com)')).toBe('offline');
    expect(connectionProblemOf('getaddrinfo EAI_AGAIN web.whatsapp.com')).toBe('offline');
    expect(connectionProblemOf('WebSocket Error (connect ECONNREFUSED 127.0.0.1:443)')).toBe('unreachable');
    expect(connectionProblemOf('Timed Out')).toBe('timeout');
    expect(connectionProblemOf('Stream Errored (conflict)')).toBe('replaced');
    expect(connectionProblemOf('Connection Failure')).toBe('closed');
  });
});
