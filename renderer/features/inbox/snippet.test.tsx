import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { snippetSegments } from './snippet';
import { Snippet } from './Snippet';

describe('search snippets', () => {
  it('splits the \u0001…\u0002 markers into highlighted runs', () => {
    expect(snippetSegments('¿Tienen \u0001canción\u0002 de cuna? Una \u0001canción\u0002')).toEqual([
      { text: '¿Tienen ', match: false },
      { text: 'canción', match: true },
      { text: ' de cuna? Una ', match: false },
      { text: 'canción', match: true },
    ]);
  });

  it('drops stray and unbalanced markers instead of showing them', () => {
    expect(snippetSegments('a\u0002b\u0001c')).toEqual([
      { text: 'ab', match: false },
      { text: 'c', match: true },
    ]);
    expect(snippetSegments('')).toEqual([]);
    expect(snippetSegments('\u0001\u0002')).toEqual([]);
  });

  it('renders markup inside a message as text, never as HTML', () => {
    const hostile = 'mira <img src=x onerror="alert(1)"> \u0001<b>precio</b>\u0002';
    const html = renderToStaticMarkup(<Snippet text={hostile} />);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('<mark>&lt;b&gt;precio&lt;/b&gt;</mark>');
  });
});
