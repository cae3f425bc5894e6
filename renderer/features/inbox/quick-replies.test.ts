import { describe, expect, it } from 'vitest';
import type { QuickReplyDto } from '../../../shared/contract';
import { fillQuickReply, filterQuickReplies, firstName, quickReplyQuery } from './quick-replies';

const replies: QuickReplyDto[] = [
  { id: 1, shortcut: 'horario', text: 'Abrimos de 9 a 20 h, {{nombre}}.' },
  { id: 2, shortcut: 'envio', text: 'El envío tarda 48 h.' },
  { id: 3, shortcut: 'gracias', text: '¡Gracias por tu compra, {{name}}!' },
  { id: 4, shortcut: 'precio-mayorista', text: 'Precio por caja: consúltanos.' },
];

describe('quick replies', () => {
  it('opens only for "/" at the very start with no spaces after it', () => {
    expect(quickReplyQuery('/')).toBe('');
    expect(quickReplyQuery('/hor')).toBe('hor');
    expect(quickReplyQuery('hola /hor')).toBeNull();
    expect(quickReplyQuery('/hor ario')).toBeNull();
    expect(quickReplyQuery('/hor\n')).toBeNull();
    expect(quickReplyQuery('')).toBeNull();
  });

  it('lists every reply for a bare "/", by shortcut', () => {
    expect(filterQuickReplies(replies, '').map((r) => r.shortcut)).toEqual(['envio', 'gracias', 'horario', 'precio-mayorista']);
  });

  it('ranks shortcut prefixes, then shortcut matches, then text matches, ignoring case and accents', () => {
    expect(filterQuickReplies(replies, 'ENV').map((r) => r.id)).toEqual([2]);
    // "mayor" is inside a shortcut; "caja" only in a text; "envío" with its accent finds "envio".
    expect(filterQuickReplies(replies, 'mayor').map((r) => r.id)).toEqual([4]);
    expect(filterQuickReplies(replies, 'caja').map((r) => r.id)).toEqual([4]);
    expect(filterQuickReplies(replies, 'envío').map((r) => r.id)).toEqual([2]);
    expect(filterQuickReplies(replies, 'h').map((r) => r.id)).toEqual([1, 2]);
    expect(filterQuickReplies(replies, 'zzz')).toEqual([]);
  });

  it('caps the popup at a few entries', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ id: i, shortcut: `r${i}`, text: 'x' }));
    expect(filterQuickReplies(many, 'r')).toHaveLength(8);
  });

  it('puts the contact name into {{nombre}} and {{name}}, in any case and with spaces', () => {
    expect(fillQuickReply('Hola {{nombre}}, gracias {{ Name }}. {{NOMBRE}}', { name: 'Ana López' })).toBe('Hola Ana, gracias Ana. Ana');
    expect(fillQuickReply('A nombre de {{nombre_completo}} ({{ FULL_NAME }})', { name: 'Ana López' })).toBe('A nombre de Ana López (Ana López)');
    expect(fillQuickReply('Sin variables {{otra}}', { name: 'Ana' })).toBe('Sin variables {{otra}}');
    // A name holding "$&" must not be read as a replacement pattern.
    expect(fillQuickReply('Hola {{name_completo}}', { name: 'Pepe $& Co' })).toBe('Hola {{name_completo}}');
    expect(fillQuickReply('Hola {{full_name}}', { name: 'Pepe $& Co' })).toBe('Hola Pepe $& Co');
  });

  it('greets by the first word of a name, and uses a number whole', () => {
    expect(firstName('  María José Pérez ')).toBe('María');
    expect(firstName('Ana')).toBe('Ana');
    expect(firstName('+52 55 1234 5678')).toBe('+52 55 1234 5678');
  });
});
