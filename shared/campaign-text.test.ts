import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, renderVariant, templateVariables, variantCount } from './campaign-text';

describe('campaign templates', () => {
  it('fills variables and picks one spintax choice per group, recording which', () => {
    const picks = [0.9, 0.1];
    const out = renderTemplate('{Hola|Buenas|Qué tal} {{nombre}}, {tu pedido|tu compra} está lista', { nombre: 'Ana' }, () => picks.shift()!);
    expect(out).toEqual({ text: 'Qué tal Ana, tu pedido está lista', variant: '2.0' });
    expect(renderVariant('{Hola|Buenas|Qué tal} {{nombre}}, {tu pedido|tu compra} está lista', { nombre: 'Ana' }, '2.0')).toBe(out.text);
  });

  it('leaves braces without choices as typed and has no variant without spintax', () => {
    expect(renderTemplate('Precio {sin cambio} {{ precio }}', { precio: '10' }, () => 0)).toEqual({ text: 'Precio {sin cambio} 10', variant: null });
  });

  it('a missing variable becomes empty; the variables and variant count are listed', () => {
    expect(renderTemplate('Hola {{nombre}}!', {}, () => 0).text).toBe('Hola !');
    expect(templateVariables('{{a}} {{b}} {{a}}')).toEqual(['a', 'b']);
    expect(variantCount('{a|b} {c|d|e}')).toBe(6);
    expect(parseTemplate('{{x')).toEqual([{ kind: 'text', text: '{{x' }]);
  });
});
