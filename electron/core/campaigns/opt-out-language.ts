import { defaultOptOutConfirmations, type OptOutSettings } from '../../../shared/contract/campaign-dto';

/** The bilingual default of earlier versions, still stored by anyone who saved the settings untouched. */
const OLD_DEFAULT = 'Listo, no te enviaremos más mensajes de campaña. / Done, you will not get more campaign messages.';
const DEFAULTS = new Set<string>([OLD_DEFAULT, ...Object.values(defaultOptOutConfirmations)]);

const SPANISH = /[ñ¿¡áéíóú]|\b(hola|buen[oa]s|gracias|tu|tus|usted|para|por|que|los|las|del|con|nuestr[oa]s?|te|ya|hay)\b/giu;
const ENGLISH = /\b(hi|hello|hey|thanks|thank|the|your|you|our|we|for|with|now|new|today|is|are)\b/giu;

/** The language a campaign's message is written in, by its common words; Spanish when unsure (most users). */
export function templateLanguage(template: string): keyof typeof defaultOptOutConfirmations {
  const spanish = template.match(SPANISH)?.length ?? 0;
  const english = template.match(ENGLISH)?.length ?? 0;
  return english > spanish ? 'en' : 'es';
}

/**
 * What a customer who opted out is told: the person's own text when they wrote one; the default in
 * the language of the campaign the customer got, never both languages at once.
 */
export function confirmationFor(settings: OptOutSettings, campaignTemplate: string | null): string {
  if (!DEFAULTS.has(settings.confirmation)) return settings.confirmation;
  return defaultOptOutConfirmations[campaignTemplate ? templateLanguage(campaignTemplate) : 'es'];
}
