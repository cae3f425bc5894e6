import type { TFunction } from 'i18next';
import type { MessageDto } from '../../../shared/contract';
import { isNotice, stubNameOf } from '../../../shared/message-kinds';

type Describable = Pick<MessageDto, 'type' | 'text' | 'senderName' | 'media' | 'location' | 'sharedContacts' | 'deletedAt'>;

/** A WhatsApp notice as WhatsApp Web words it: "Llamada de voz perdida", "Ana agregó a Beto"… */
export function describeNotice(message: Pick<MessageDto, 'type' | 'text' | 'senderName'>, t: TFunction): string {
  const name = stubNameOf(message.type) ?? message.type;
  const actor = message.senderName ?? t('notice.someone');
  return t(`notice.${name}`, { actor, who: message.text ?? '', defaultValue: t('notice.other', { type: name }) });
}

/** A short description of a message without text: "Photo", "Voice message", "Location"… */
export function describeMessage(message: Describable, t: TFunction): string {
  if (message.deletedAt !== null) return t('message.deleted');
  if (isNotice(message.type)) return describeNotice(message, t);
  if (message.media) return t(`media.${message.media.kind}`);
  if (message.location) return t('media.location');
  if (message.sharedContacts && message.sharedContacts.length > 0) return t('media.contact');
  return message.type === 'unsupported' || message.type === 'text' ? t('inbox.unsupported', { type: message.type }) : t('inbox.media', { type: message.type });
}
