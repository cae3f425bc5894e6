import { describe, expect, it } from 'vitest';
import { formatCountdown, formatPairingCode, initials, secondsLeft } from './pairing-format';
import { isPairingState } from './pairing-state';
import { qrDrawing } from './qr-matrix';

describe('pairing code', () => {
  it('groups the 8 characters as XXXX-XXXX, as the phone asks for them', () => {
    expect(formatPairingCode('ABCD1234')).toBe('ABCD-1234');
  });

  it('ignores separators and case the server may send', () => {
    expect(formatPairingCode('abcd-1234')).toBe('ABCD-1234');
    expect(formatPairingCode(' ab cd 12 34 ')).toBe('ABCD-1234');
  });

  it('still groups by four when the code is not 8 characters long', () => {
    expect(formatPairingCode('ABCDEF')).toBe('ABCD-EF');
    expect(formatPairingCode('')).toBe('');
  });
});

describe('countdown', () => {
  it('rounds the time left up to whole seconds, and never below zero', () => {
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 9_001)).toBe(1);
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 25_000)).toBe(0);
  });

  it('prints minutes and two-digit seconds', () => {
    expect(formatCountdown(59)).toBe('0:59');
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(125)).toBe('2:05');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});

describe('avatar initials', () => {
  it('takes the first letter of the first two words, or two letters of a single word', () => {
    expect(initials('Panadería Sol')).toBe('PS');
    expect(initials('ventas')).toBe('VE');
    expect(initials('  «Tienda»  centro ')).toBe('TC');
    expect(initials('Ñandú')).toBe('ÑA');
    expect(initials('   ')).toBe('?');
  });
});

describe('pairing state', () => {
  const account = (state: Parameters<typeof isPairingState>[0]['state'], phone: string | null = null) =>
    ({ kind: 'whatsapp', state, phone }) as const;

  it('is pairing while waiting for a scan, after the QR expired, or connecting before any number', () => {
    expect(isPairingState(account('waiting_qr'))).toBe(true);
    expect(isPairingState(account('pairing_expired'))).toBe(true);
    expect(isPairingState(account('connecting'))).toBe(true);
  });

  it('is not pairing for a linked number reconnecting, a connected one, or a practice account', () => {
    expect(isPairingState(account('connecting', '34612345678'))).toBe(false);
    expect(isPairingState(account('connected', '34612345678'))).toBe(false);
    expect(isPairingState({ kind: 'practice', state: 'waiting_qr', phone: null })).toBe(false);
  });
});

describe('QR drawing', () => {
  it('draws a square code with a quiet zone, different for different payloads', () => {
    const one = qrDrawing('scripted-qr-1');
    const two = qrDrawing('scripted-qr-2');
    expect(one.size).toBeGreaterThanOrEqual(21 + 4);
    expect(one.path).toMatch(/^M\d+ \d+h\d+v1h-\d+z/);
    expect(two.path).not.toBe(one.path);
  });

  it('fits a real Baileys payload (ref, three base64 keys)', () => {
    const payload = ['2@' + 'x'.repeat(80), 'a'.repeat(44), 'b'.repeat(44), 'c'.repeat(44)].join(',');
    expect(qrDrawing(payload).size).toBeLessThanOrEqual(81);
  });
});
