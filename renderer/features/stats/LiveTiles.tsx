import { useTranslation } from 'react-i18next';
import { useLiveStats } from '../../api/hooks/use-stats';
import { formatChatTime } from '../../ui/format';
import { useNow } from '../../ui/use-now';

/** The live tiles at the top: accounts connected and waiting for a QR, the outbox, campaigns sending, the last message in. */
export function LiveTiles() {
  const { t, i18n } = useTranslation();
  const live = useLiveStats();
  const now = useNow(60_000);
  if (!live.data) return null;
  const { accounts, outboxWaiting, campaignsRunning, lastReceivedAt } = live.data;
  const tiles = [
    { id: 'connected', label: t('stats.tiles.connected'), value: `${accounts.filter((a) => a.state === 'connected').length} / ${accounts.length}` },
    { id: 'waiting-qr', label: t('stats.tiles.waitingQr'), value: String(accounts.filter((a) => a.state === 'waiting_qr').length) },
    { id: 'outbox', label: t('stats.tiles.outbox'), value: String(outboxWaiting) },
    { id: 'campaigns', label: t('stats.tiles.campaigns'), value: String(campaignsRunning) },
    {
      id: 'last-received',
      label: t('stats.tiles.lastReceived'),
      value: lastReceivedAt === null ? t('stats.tiles.never') : formatChatTime(lastReceivedAt, i18n.language, now, t('inbox.yesterday')),
    },
  ];
  return (
    <ul className="stats-tiles" data-testid="stats-tiles">
      {tiles.map((tile) => (
        <li key={tile.id} className="stats-tile" data-testid={`stats-tile-${tile.id}`}>
          <span className="stats-tile-value">{tile.value}</span>
          <span className="stats-tile-label">{tile.label}</span>
        </li>
      ))}
    </ul>
  );
}
