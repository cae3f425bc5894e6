import { WAMessageStatus } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { decideAfterRefusal, decideFromMessageCap, decideFromWhatsApp, reachOutRefusals, REACH_OUT_FALLBACK_MS, REACH_OUT_MIN_AFTER_REFUSAL_MS } from './reach-out-policy';

const now = 1_800_000_000_000;
const HOUR = 3_600_000;

describe('reach-out lock decisions', () => {
  it('reads 463 refusals of our messages from messages.update as Baileys rc14 emits them', () => {
    const key = (id: string, fromMe = true) => ({ remoteJid: '5215511111111@s.whatsapp.net', fromMe, id });
    expect(
      reachOutRefusals([
        { key: key('A'), update: { status: WAMessageStatus.ERROR, messageStubParameters: ['463', 'Your account has been restricted'] } },
        { key: key('B'), update: { status: WAMessageStatus.ERROR, messageStubParameters: ['479'] } },
        { key: key('C'), update: { status: WAMessageStatus.DELIVERY_ACK } },
        { key: key('D', false), update: { status: WAMessageStatus.ERROR, messageStubParameters: ['463'] } },
      ]),
    ).toEqual(['A']);
  });

  it("follows WhatsApp's notification: locks until its end, lifts when no longer active or already over", () => {
    expect(decideFromWhatsApp({ isActive: true, timeEnforcementEnds: new Date(now + 2 * HOUR) }, now)).toEqual({ action: 'lock', until: now + 2 * HOUR });
    expect(decideFromWhatsApp({ isActive: true }, now)).toEqual({ action: 'lock', until: now + REACH_OUT_FALLBACK_MS });
    expect(decideFromWhatsApp({ isActive: true, timeEnforcementEnds: new Date(now - 1) }, now)).toEqual({ action: 'lift' });
    expect(decideFromWhatsApp({ isActive: false }, now)).toEqual({ action: 'lift' });
    expect(decideFromWhatsApp({}, now)).toEqual({ action: 'keep' });
  });

  it('after a refused first contact always locks: until WhatsApp’s end, never sooner than the floor, else the conservative default', () => {
    const first = { now, firstContact: true, current: null };
    expect(decideAfterRefusal({ isActive: true, timeEnforcementEnds: new Date(now + 5 * HOUR) }, first)).toEqual({ action: 'lock', until: now + 5 * HOUR });
    expect(decideAfterRefusal({ isActive: true, timeEnforcementEnds: new Date(now + 60_000) }, first)).toEqual({ action: 'lock', until: now + REACH_OUT_MIN_AFTER_REFUSAL_MS });
    expect(decideAfterRefusal(undefined, first)).toEqual({ action: 'lock', until: now + REACH_OUT_FALLBACK_MS });
    expect(decideAfterRefusal({ isActive: false }, first)).toEqual({ action: 'lock', until: now + REACH_OUT_FALLBACK_MS });
    expect(decideAfterRefusal({ isActive: false }, { ...first, current: now + 3 * HOUR })).toEqual({ action: 'lock', until: now + 3 * HOUR });
  });

  it('after a refusal to a known contact locks only when WhatsApp confirms a lock', () => {
    const known = { now, firstContact: false, current: null };
    expect(decideAfterRefusal({ isActive: false }, known)).toEqual({ action: 'keep' });
    expect(decideAfterRefusal(undefined, known)).toEqual({ action: 'keep' });
    expect(decideAfterRefusal({ isActive: true, timeEnforcementEnds: new Date(now + HOUR / 2) }, known)).toEqual({ action: 'lock', until: now + HOUR / 2 });
  });

  it('treats a reached new-chat cap as a lock until the cycle ends (seconds), and ignores the warnings', () => {
    const end = Math.floor((now + 6 * HOUR) / 1000);
    expect(decideFromMessageCap({ capping_status: 'CAPPED' as never, cycle_end_timestamp: String(end) }, now)).toEqual({ action: 'lock', until: end * 1000 });
    expect(decideFromMessageCap({ capping_status: 'CAPPED' as never }, now)).toEqual({ action: 'lock', until: now + REACH_OUT_FALLBACK_MS });
    expect(decideFromMessageCap({ capping_status: 'FIRST_WARNING' as never, used_quota: 40, total_quota: 50 }, now)).toEqual({ action: 'keep' });
  });
});
