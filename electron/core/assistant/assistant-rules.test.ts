import { describe, expect, it } from 'vitest';
import { defaultHandoverKeywords } from '../../../shared/contract';
import { costMicros, handoverKeywordIn, isPersonalChatJid, isWithinBusinessHours, looksLikeBotLoop, monthStartKey, splitAnswer } from './assistant-rules';

describe('handover keywords', () => {
  it('finds a keyword whatever the accents, case and punctuation', () => {
    expect(handoverKeywordIn('¡QUIERO hablar con una PERSONA, ya!', defaultHandoverKeywords)).toBe('quiero hablar con una persona');
    expect(handoverKeywordIn('Me pasas con un asesór?', defaultHandoverKeywords)).toBe('asesor');
    expect(handoverKeywordIn('Can I talk to a HUMAN please', defaultHandoverKeywords)).toBe('human');
  });

  it('matches whole words only, so "humanidad" does not count for "human"', () => {
    expect(handoverKeywordIn('la humanidad entera', ['human'])).toBeNull();
    expect(handoverKeywordIn('¿Cuánto cuesta el pan?', defaultHandoverKeywords)).toBeNull();
  });

  it('uses the owner’s own list', () => {
    expect(handoverKeywordIn('quiero al encargado', ['encargado'])).toBe('encargado');
    expect(handoverKeywordIn('asesor', [])).toBeNull();
  });
});

describe('which chats are answered', () => {
  it('answers one-to-one chats only', () => {
    expect(isPersonalChatJid('5215512345678@s.whatsapp.net')).toBe(true);
    expect(isPersonalChatJid('204882711234567@lid')).toBe(true);
    expect(isPersonalChatJid('120363025246125244@g.us')).toBe(false);
    expect(isPersonalChatJid('status@broadcast')).toBe(false);
    expect(isPersonalChatJid('1234567890@broadcast')).toBe(false);
    expect(isPersonalChatJid('120363144038483540@newsletter')).toBe(false);
  });
});

describe('business hours', () => {
  const hours = { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00', timeZone: 'America/Mexico_City' };
  // Mexico City is UTC-6 all year (no daylight saving since 2022).
  const at = (iso: string) => Date.parse(iso);

  it('is open on a weekday inside the hours, in the shop’s time zone', () => {
    expect(isWithinBusinessHours(at('2026-11-23T15:00:00Z'), hours)).toBe(true); // Monday 09:00 there
    expect(isWithinBusinessHours(at('2026-11-23T14:59:00Z'), hours)).toBe(false); // 08:59
    expect(isWithinBusinessHours(at('2026-11-24T00:00:00Z'), hours)).toBe(false); // 18:00: closed
    expect(isWithinBusinessHours(at('2026-11-28T16:00:00Z'), hours)).toBe(false); // Saturday 10:00
  });

  it('counts hours past midnight for the day they opened', () => {
    const night = { days: [5], open: '22:00', close: '02:00', timeZone: 'UTC' };
    expect(isWithinBusinessHours(at('2026-11-27T23:00:00Z'), night)).toBe(true); // Friday 23:00
    expect(isWithinBusinessHours(at('2026-11-28T01:30:00Z'), night)).toBe(true); // Saturday 01:30, Friday's night
    expect(isWithinBusinessHours(at('2026-11-28T23:00:00Z'), night)).toBe(false); // Saturday 23:00
  });

  it('falls back to UTC for an unknown zone instead of failing', () => {
    expect(isWithinBusinessHours(at('2026-11-23T10:00:00Z'), { ...hours, timeZone: 'Mars/Olympus' })).toBe(true);
  });
});

describe('splitting long answers', () => {
  it('keeps short messages as the model gave them', () => {
    expect(splitAnswer(['Hola', '  ', 'El pan cuesta $45'])).toEqual(['Hola', 'El pan cuesta $45']);
  });

  it('splits at paragraphs, then sentences, never mid-word, each piece within the limit', () => {
    const paragraph = 'Abrimos de lunes a sábado. Cerramos los domingos. '.repeat(4).trim();
    const pieces = splitAnswer([`${paragraph}\n\n${paragraph}`], 120);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeLessThanOrEqual(120);
    expect(pieces.join(' ').replace(/\s+/g, ' ')).toBe(`${paragraph} ${paragraph}`.replace(/\s+/g, ' '));
    for (const piece of pieces) expect(piece).toMatch(/[.]$/);
  });

  it('never sends more than the maximum number of messages and loses no text', () => {
    const pieces = splitAnswer(['a', 'b', 'c', 'd', 'e', 'f'], 700, 4);
    expect(pieces).toEqual(['a', 'b', 'c', 'd\n\ne\n\nf']);
  });
});

describe('bot-loop guard', () => {
  it('stops when the other side answers three replies in a row within a couple of seconds', () => {
    const replyTimes = [1_000, 10_000, 20_000];
    expect(looksLikeBotLoop({ replyTimes, customerTimes: [0, 1_500, 11_000, 21_200], lastCustomerText: 'x', lastReplyText: 'y' })).toBe(true);
  });

  it('lets a quick person through when not every reply got an instant answer', () => {
    const replyTimes = [1_000, 10_000, 20_000];
    expect(looksLikeBotLoop({ replyTimes, customerTimes: [0, 1_500, 19_000, 21_200], lastCustomerText: 'x', lastReplyText: 'y' })).toBe(false);
  });

  it('stops when the other side echoes our last reply', () => {
    expect(looksLikeBotLoop({ replyTimes: [], customerTimes: [], lastCustomerText: 'El pan de muerto cuesta $45.', lastReplyText: 'el pan de muerto cuesta 45' })).toBe(true);
  });

  it('does not take a short "gracias" after our "¡Gracias!" for an echo', () => {
    expect(looksLikeBotLoop({ replyTimes: [], customerTimes: [], lastCustomerText: 'gracias', lastReplyText: '¡Gracias!' })).toBe(false);
  });
});

describe('spend', () => {
  it('prices tokens per million in millionths of a dollar', () => {
    expect(costMicros(1_000_000, 0, { inputPricePerMillion: 0.15, outputPricePerMillion: 0.6 })).toBe(150_000);
    expect(costMicros(1_000, 500, { inputPricePerMillion: 0.15, outputPricePerMillion: 0.6 })).toBe(450);
  });

  it('counts the month from its first UTC day', () => {
    expect(monthStartKey(Date.parse('2026-11-23T17:00:00Z'))).toBe('2026-11-01');
  });
});
