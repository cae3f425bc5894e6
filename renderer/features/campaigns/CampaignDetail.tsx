import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignFunnel, RecipientState } from '../../../shared/contract';
import { useAccounts } from '../../api/hooks/use-accounts';
import { useCampaign, useCampaignAction, useCampaignRecipients, useCampaignReport, useExportCampaign } from '../../api/hooks/use-campaigns';
import { useErrorText } from '../../ui/error-text';
import { ProblemDetails, useRawProblemText } from '../../ui/RawProblem';
import { isReasonCode, useAccountReasonText } from '../accounts/account-reason';
import { displayPhone, formatFullDate } from '../../ui/format';
import { LoadError } from '../../ui/LoadError';
import { SelectMenu } from '../../ui/SelectMenu';
import { useReachOutLock } from '../accounts/use-reach-out-lock';
import { downloadCsv } from '../stats/csv-export';
import { formatPercent } from '../stats/stats-format';
import { CancelCampaignButton } from './CancelCampaignButton';
import { campaignCsv } from './campaign-csv';
import { recipientStateKey, variantLabel } from './campaign-status';
import { CampaignStatusChip } from './CampaignStatusChip';

const STATES: RecipientState[] = ['pending', 'sending', 'sent', 'delivered', 'read', 'replied', 'failed', 'skipped'];
/** The chips: what is left, then the funnel (each counts everyone who got that far), as the totals row. */
const CHIPS = ['pending', 'sending', 'sent', 'delivered', 'read', 'replied', 'failed', 'skipped', 'cancelled'] as const;
const FUNNEL = ['recipients', 'sent', 'delivered', 'read', 'replied', 'optedOut', 'failed', 'skipped', 'cancelled'] as const;
const PAGE = 100;
/** Reasons the core names with a code; anything else is WhatsApp's own text. */
const KNOWN_REASONS = new Set(['opted_out', 'invalid', 'duplicate', 'cancelled', 'message_removed', 'not_on_whatsapp', 'account_removed']);
/** Why a recipient waits or changed number under WhatsApp's reach-out lock (the core's codes). */
const REACH_OUT_REASONS: Record<string, 'reasonLocked' | 'reasonMoved'> = { reach_out_locked: 'reasonLocked', reach_out_moved: 'reasonMoved' };


/** One campaign: live progress, pause/resume/cancel, why an account stopped, the report and the CSV export. */
export function CampaignDetail({ id, onBack }: { id: number; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const campaign = useCampaign(id);
  const report = useCampaignReport(id);
  const accounts = useAccounts();
  const pause = useCampaignAction('campaigns.pause');
  const resume = useCampaignAction('campaigns.resume');
  const cancel = useCampaignAction('campaigns.cancel');
  const exportCsv = useExportCampaign();
  const [stateFilter, setStateFilter] = useState<RecipientState | null>(null);
  const [offset, setOffset] = useState(0);
  const recipients = useCampaignRecipients(id, stateFilter, offset, PAGE);
  const accountLabel = (accountId: string | null) => accounts.data?.find((a) => a.id === accountId)?.label ?? accountId ?? '—';
  const reachOut = useReachOutLock();
  const lockOf = (accountId: string) => reachOut.lockOf(accounts.data?.find((a) => a.id === accountId));
  const problemText = useRawProblemText();
  // Our own codes are translated; a failed send's raw words (WhatsApp's, the network's) become a sentence.
  const reasonText = (reason: string) =>
    REACH_OUT_REASONS[reason]
      ? t(`campaigns.reachOutLock.${REACH_OUT_REASONS[reason]}`)
      : KNOWN_REASONS.has(reason)
        ? t(`campaigns.reasons.${reason as 'opted_out'}`)
        : problemText('send', reason);
  const isRawReason = (reason: string) => !REACH_OUT_REASONS[reason] && !KNOWN_REASONS.has(reason);

  if (campaign.error) return <LoadError error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  if (!c) return null;
  // One set of figures for the chips, the totals row and the progress (the core counts them in one query).
  const f = c.figures;
  // Per number under WhatsApp's limit: does the campaign go on elsewhere, or do its new contacts wait?
  const over = c.status === 'finished' || c.status === 'cancelled';
  const locked = over ? [] : c.accounts.flatMap(({ accountId }) => {
    const until = lockOf(accountId);
    return until === null ? [] : [{ accountId, until }];
  });
  const goesOnElsewhere = (accountId: string) => c.accounts.some((o) => o.accountId !== accountId && !o.pausedReason && lockOf(o.accountId) === null);
  const actionError = pause.error ?? resume.error ?? cancel.error ?? exportCsv.error;

  const variantNumber = new Map(report.data?.perVariant.map((v, i) => [v.variant, i + 1]) ?? []);
  const download = () =>
    exportCsv.mutate(id, {
      onSuccess: (data) => {
        const csv = campaignCsv(
          data,
          {
            headers: {
              phone: t('campaigns.phone'),
              name: t('campaigns.name'),
              account: t('campaigns.account'),
              state: t('campaigns.state'),
              reason: t('campaigns.reason'),
              variant: t('campaigns.csv.variant'),
              queuedAt: t('campaigns.csv.queuedAt'),
              repliedAt: t('campaigns.csv.repliedAt'),
              optedOutAt: t('campaigns.csv.optedOutAt'),
            },
            state: (key) => t(`campaigns.recipientState.${key}`),
            reason: reasonText,
            account: (accountId) => (accountId ? accountLabel(accountId) : ''),
            variant: (variant) => t('campaigns.report.variantNumber', { number: variantNumber.get(variant) ?? '?' }),
          },
          i18n.language,
        );
        downloadCsv(data.fileName, csv);
      },
    });

  const funnelRow = (label: ReactNode, row: CampaignFunnel, key: string) => (
    <tr key={key} data-testid={`funnel-${key}`}>
      <td>{label}</td>
      {FUNNEL.map((k) => (
        <td key={k}>{row[k]}</td>
      ))}
    </tr>
  );

  return (
    <div className="campaign-detail" data-testid="campaign-detail" data-status={c.status}>
      <div className="detail-head">
        <button type="button" className="btn btn-link" data-testid="campaign-back" onClick={onBack}>
          ← {t('campaigns.back')}
        </button>
        <h2>{c.name}</h2>
        <CampaignStatusChip campaign={c} />
        <div className="detail-actions">
          {(c.status === 'running' || c.status === 'scheduled') && (
            <button type="button" className="btn" data-testid="campaign-pause" disabled={pause.isPending} onClick={() => pause.mutate(id)}>
              {t('campaigns.pause')}
            </button>
          )}
          {(c.status === 'paused' || c.accounts.some((a) => a.pausedReason)) && c.status !== 'cancelled' && c.status !== 'finished' && (
            <button type="button" className="btn btn-primary" data-testid="campaign-resume" disabled={resume.isPending} onClick={() => resume.mutate(id)}>
              {t('campaigns.resume')}
            </button>
          )}
          {c.status !== 'cancelled' && c.status !== 'finished' && (
            <CancelCampaignButton pending={cancel.isPending} left={f.pending + f.sending} onConfirm={() => cancel.mutate(id)} />
          )}
          <button type="button" className="btn" data-testid="campaign-export" disabled={exportCsv.isPending} onClick={download}>
            {t('campaigns.export')}
          </button>
        </div>
      </div>
      {actionError && <p className="form-error">{errorText(actionError)}</p>}

      <div className="progress-block">
        <progress className={c.status === 'cancelled' ? 'progress-cancelled' : ''} max={Math.max(1, f.sendable)} value={f.done} aria-label={t('campaigns.progress')} />
        <span data-testid="campaign-progress">{t('campaigns.progressText', { done: f.done, total: f.sendable })}</span>
        {c.estimatedFinishAt && c.status !== 'paused' && <span className="muted small">{t('campaigns.estimate', { when: formatFullDate(c.estimatedFinishAt, i18n.language) })}</span>}
      </div>
      {c.attachment && (
        <p className="muted small" data-testid="campaign-attachment-info">
          📎 {t(`campaigns.wizard.attachmentKind.${c.attachment.kind}`)}: {c.attachment.fileName}
        </p>
      )}
      <ul className="count-chips" data-testid="campaign-counts">
        {CHIPS.filter((s) => s !== 'cancelled' || f.cancelled > 0).map((s) => (
          <li key={s} className={`status-chip state-${s}`} data-testid={`count-${s}`}>
            {t(`campaigns.recipientState.${s}`)}: {f[s]}
          </li>
        ))}
        <li className="status-chip">{t('campaigns.optedOutCount', { count: f.optedOut })}</li>
      </ul>

      {c.accounts.some((a) => a.pausedReason) && (
        <div className="notice brake-notice" role="status" data-testid="brake-notice">
          {c.accounts
            .filter((a) => a.pausedReason)
            .map((a) => (
              <div key={a.accountId} className="brake-line">
                {t(`campaigns.brake.${a.pausedReason!}`, { account: accountLabel(a.accountId) })}
                {a.pausedDetail && <BrakeDetail reason={a.pausedReason!} detail={a.pausedDetail} />}
              </div>
            ))}
        </div>
      )}

      {locked.length > 0 && (
        <div className="notice reach-out-notice" role="status" data-testid="reach-out-notice">
          {locked.map(({ accountId, until }) => (
            <p key={accountId} data-testid="reach-out-account" data-account-id={accountId} data-goes-on={goesOnElsewhere(accountId)}>
              {t(goesOnElsewhere(accountId) ? 'campaigns.reachOutLock.continues' : 'campaigns.reachOutLock.waits', { account: accountLabel(accountId), when: reachOut.when(until) })}
            </p>
          ))}
        </div>
      )}

      {report.data && (
        <section className="campaign-report" data-testid="campaign-report">
          <h3>{t('campaigns.report.title')}</h3>
          <p>
            {t('campaigns.report.replyRate', { rate: formatPercent(report.data.funnel.replied, report.data.funnel.sent, i18n.language) })} ·{' '}
            {t('campaigns.report.optOutRate', { rate: formatPercent(report.data.funnel.optedOut, report.data.funnel.sent, i18n.language) })}
          </p>
          <table className="report-table">
            <thead>
              <tr>
                <th />
                {FUNNEL.map((k) => (
                  <th key={k}>{t(`campaigns.report.${k}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {funnelRow(t('campaigns.report.all'), f, 'all')}
              {report.data.perAccount.map((a) => funnelRow(accountLabel(a.accountId), a, `a-${a.accountId}`))}
              {report.data.perVariant.map((v, i) =>
                funnelRow(
                  <details className="variant-label" data-testid="variant-label">
                    <summary title={v.example}>{t('campaigns.report.variantShort', { number: i + 1, example: variantLabel(v.example) })}</summary>
                    <span className="variant-full">{v.example}</span>
                  </details>,
                  v,
                  `v-${v.variant}`,
                ),
              )}
            </tbody>
          </table>
        </section>
      )}

      <section className="recipient-list">
        <div className="recipient-head">
          <h3>{t('campaigns.recipients')}</h3>
          <SelectMenu
            label={t('campaigns.filterState')}
            value={stateFilter ?? 'all'}
            options={[{ value: 'all', label: t('campaigns.allStates') }, ...STATES.map((s) => ({ value: s, label: t(`campaigns.recipientState.${s}`) }))]}
            onChange={(value) => {
              setStateFilter(value === 'all' ? null : (value as RecipientState));
              setOffset(0);
            }}
          />
        </div>
        <table className="report-table" data-testid="recipient-table">
          <thead>
            <tr>
              <th>{t('campaigns.phone')}</th>
              <th>{t('campaigns.name')}</th>
              <th>{t('campaigns.account')}</th>
              <th>{t('campaigns.state')}</th>
              <th>{t('campaigns.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {recipients.data?.items.map((r) => (
              <tr key={r.id} data-testid="recipient-row" data-state={r.state}>
                <td className="mono">{displayPhone(r.phone)}</td>
                <td>{r.name ?? ''}</td>
                <td>{accountLabel(r.accountId)}</td>
                <td>
                  <span className={`status-chip state-${recipientStateKey(r)}`}>{t(`campaigns.recipientState.${recipientStateKey(r)}`)}</span>
                </td>
                <td className="muted small" data-testid="recipient-reason">
                  {r.reason && recipientStateKey(r) !== 'cancelled' ? reasonText(r.reason) : ''}
                  {r.reason && recipientStateKey(r) !== 'cancelled' && isRawReason(r.reason) && r.reason !== 'failed' && <ProblemDetails raw={r.reason} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {recipients.data && recipients.data.total > PAGE && (
          <div className="pager">
            <button type="button" className="btn" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('campaigns.previous')}
            </button>
            <span className="muted small">{t('campaigns.pageOf', { from: offset + 1, to: Math.min(offset + PAGE, recipients.data.total), total: recipients.data.total })}</span>
            <button type="button" className="btn" disabled={offset + PAGE >= recipients.data.total} onClick={() => setOffset(offset + PAGE)}>
              {t('campaigns.next')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}

/**
 * What the brake saw, after its translated sentence: a dropped account's reason in words, or a
 * failed send's; the raw text in a "Detalles" fold.
 */
function BrakeDetail({ reason, detail }: { reason: string; detail: string }) {
  const problemText = useRawProblemText();
  const accountReasonText = useAccountReasonText();
  const account = reason === 'disconnected' || reason === 'restricted';
  return (
    <div className="muted small" data-testid="brake-detail">
      {account ? accountReasonText(detail) : problemText('send', detail)}
      {!(account && isReasonCode(detail)) && <ProblemDetails raw={detail} />}
    </div>
  );
}
