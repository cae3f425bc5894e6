import type { TFunction } from 'i18next';
import type { MessageDto } from '../../../shared/contract';

/** A short description of a message without text: "Photo", "Voice message", "Location"… */
export function describeMessage(message: Pick<MessageDto, 'type' | 'media' | 'location' | 'sharedContacts' | 'deletedAt'>, t: TFunction): string {
  if (message.deletedAt !== null) return t('message.deleted');
  if (message.media) return t(`media.${message.media.kind}`);
  if (message.location) return t('media.location');
  if (message.sharedContacts && message.sharedContacts.length > 0) return t('media.contact');
  return message.type === 'unsupported' || message.type === 'text' ? t('inbox.unsupported', { type: message.type }) : t('inbox.media', { type: message.type });
}
