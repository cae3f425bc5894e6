import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18nOptions } from '../i18n/i18n';
import { RawProblem } from './RawProblem';

async function render(lng: 'es' | 'en', node: React.ReactNode) {
  const i18n = i18next.createInstance();
  await i18n.init({ ...i18nOptions, lng });
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
}

describe('a raw error on screen', () => {
  it('reads as a translated sentence, with the library text folded under "Detalles"', async () => {
    const html = await render('es', <RawProblem kind="send" raw="Media upload failed on all hosts" testId="why" />);
    expect(html).toContain('data-problem="upload_failed"');
    expect(html).toContain('No se pudo subir el archivo a WhatsApp.');
    // The sentence comes first; the raw words only inside the closed fold.
    expect(html.indexOf('No se pudo subir')).toBeLessThan(html.indexOf('<details'));
    expect(html).toMatch(/<details class="problem-details" data-testid="why-details"><summary>Detalles<\/summary><code class="selectable">Media upload failed on all hosts<\/code><\/details>/);
    expect(html).not.toContain('<details open');
  });

  it('speaks English in English', async () => {
    const html = await render('en', <RawProblem kind="sync" raw="The server could not be reached (connect ECONNREFUSED 10.0.0.5:8787)." />);
    expect(html).toContain('The central server cannot be reached: check its address and that it is running.');
    expect(html).toContain('<summary>Details</summary>');
  });
});
