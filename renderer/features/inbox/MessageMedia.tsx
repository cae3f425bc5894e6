import { Dialog } from 'radix-ui';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDto } from '../../../shared/contract';
import { useRetryMedia } from '../../api/hooks/use-messages';
import { useErrorText } from '../../ui/error-text';
import { CloseIcon, ContactIcon, DownloadIcon, FileIcon, ImageIcon, MapPinIcon, MicIcon, VideoIcon } from '../../ui/icons';
import { formatFileSize } from './attachment-kind';

type Media = NonNullable<MessageDto['media']>;
type Location = NonNullable<MessageDto['location']>;
type Contacts = NonNullable<MessageDto['sharedContacts']>;

/** Photos, stickers, voice notes, audio, video and documents, in whatever state their download is. */
export function MessageMedia({ message }: { message: MessageDto }) {
  const media = message.media as Media;
  if (media.state !== 'ready' || media.url === null) return <MediaPending message={message} media={media} />;
  const url = media.url;
  switch (media.kind) {
    case 'image':
      return <ImageThumb url={url} fileName={media.fileName} />;
    case 'sticker':
      return <img className="media-sticker" src={url} alt="" data-testid="media-sticker" loading="lazy" />;
    case 'audio':
    case 'voice':
      return (
        <div className="media-audio">
          {media.kind === 'voice' && <MicIcon width={16} height={16} />}
          <audio controls preload="metadata" src={url} data-testid="media-audio" />
        </div>
      );
    case 'video':
      return <video className="media-video" controls preload="metadata" src={url} data-testid="media-video" />;
    case 'document':
      return <DocumentCard media={media} url={url} />;
  }
}

function ImageThumb({ url, fileName }: { url: string; fileName: string | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="media-thumb-button" aria-label={t('media.openImage')} data-testid="media-image-open">
        <img className="media-thumb" src={url} alt={fileName ?? t('media.image')} data-testid="media-image" loading="lazy" />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="image-viewer" data-testid="image-viewer" aria-describedby={undefined}>
          <Dialog.Title className="visually-hidden">{fileName ?? t('media.image')}</Dialog.Title>
          <img src={url} alt={fileName ?? t('media.image')} className="image-viewer-img" />
          <div className="image-viewer-actions">
            <a className="btn" href={url} download={fileName ?? ''} data-testid="image-download">
              <DownloadIcon width={16} height={16} />
              {t('media.download')}
            </a>
            <Dialog.Close className="btn btn-icon" aria-label={t('common.close')} data-testid="image-close">
              <CloseIcon />
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function DocumentCard({ media, url }: { media: Media; url: string }) {
  const { t, i18n } = useTranslation();
  const name = media.fileName ?? t('media.document');
  return (
    <div className="media-doc" data-testid="media-document">
      <FileIcon width={28} height={28} />
      <span className="media-doc-text">
        <span className="media-doc-name">{name}</span>
        <span className="muted small">{[media.size !== null ? formatFileSize(media.size, i18n.resolvedLanguage ?? 'en') : null, media.mime].filter(Boolean).join(' · ')}</span>
      </span>
      <a className="btn btn-icon" href={url} download={media.fileName ?? ''} aria-label={t('media.downloadFile', { name })} title={t('media.download')}>
        <DownloadIcon />
      </a>
    </div>
  );
}

const kindIcon: Record<Media['kind'], ReactNode> = {
  image: <ImageIcon width={22} height={22} />,
  sticker: <ImageIcon width={22} height={22} />,
  video: <VideoIcon width={22} height={22} />,
  audio: <MicIcon width={22} height={22} />,
  voice: <MicIcon width={22} height={22} />,
  document: <FileIcon width={22} height={22} />,
};

/** Not on this computer yet: downloading, failed (retry), or never asked for (download). */
function MediaPending({ message, media }: { message: MessageDto; media: Media }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const retry = useRetryMedia();
  const details = [media.fileName ?? t(`media.${media.kind}`), media.size !== null ? formatFileSize(media.size, i18n.resolvedLanguage ?? 'en') : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className={`media-pending media-pending-${media.state}`} data-testid="media-pending">
      <span className="media-pending-icon">{kindIcon[media.kind]}</span>
      <span className="media-pending-text">
        <span>{details}</span>
        {media.state === 'failed' && <span className="field-error">{t('media.failed')}</span>}
        {retry.error && <span className="field-error">{errorText(retry.error)}</span>}
      </span>
      {media.state === 'downloading' || retry.isPending ? (
        <span className="media-progress" role="status" data-testid="media-downloading">
          <span className="spinner" aria-hidden />
          <span className="visually-hidden">{t('media.downloading')}</span>
        </span>
      ) : (
        <button type="button" className="btn" data-testid="media-download" onClick={() => retry.mutate(message.id)}>
          <DownloadIcon width={16} height={16} />
          {media.state === 'failed' ? t('media.retry') : t('media.download')}
        </button>
      )}
    </div>
  );
}

/** Name, address, coordinates and a link that opens OpenStreetMap in the system browser. */
export function LocationCard({ location }: { location: Location }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', { maximumFractionDigits: 5, minimumFractionDigits: 5 });
  const { latitude, longitude } = location;
  const href = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
  return (
    <div className="media-location" data-testid="media-location">
      <MapPinIcon width={26} height={26} />
      <span className="media-location-text">
        <span className="media-location-name">{location.name ?? t('media.location')}</span>
        {location.address && <span className="small">{location.address}</span>}
        <span className="muted small">
          {format.format(latitude)}, {format.format(longitude)}
        </span>
        <a href={href} target="_blank" rel="noopener noreferrer" data-testid="location-link">
          {t('media.openMap')}
        </a>
      </span>
    </div>
  );
}

export function SharedContacts({ contacts }: { contacts: Contacts }) {
  return (
    <ul className="media-contacts" data-testid="media-contacts">
      {contacts.map((contact, index) => (
        <li key={index} className="media-contact">
          <ContactIcon width={22} height={22} />
          <span className="media-contact-text">
            <span className="media-contact-name">{contact.name}</span>
            {contact.phones.map((phone) => (
              <span key={phone} className="small selectable">
                {phone}
              </span>
            ))}
          </span>
        </li>
      ))}
    </ul>
  );
}
