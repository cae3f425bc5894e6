import { Dialog, Tabs } from 'radix-ui';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto, PairingDto } from '../../../shared/contract';
import { isApiError } from '../../api/api-error';
import { usePairing, useReconnectAccount, useRequestPairingCode } from '../../api/hooks/use-accounts';
import { useErrorText } from '../../ui/error-text';
import { LoadError } from '../../ui/LoadError';
import { useNow } from '../../ui/use-now';
import { ProblemDetails } from '../../ui/RawProblem';
import { isReasonCode, useAccountReasonText } from './account-reason';
import { AccountStateBadge } from './AccountStateBadge';
import { formatCountdown, formatPairingCode, secondsLeft } from './pairing-format';
import { qrDrawing } from './qr-matrix';

type Method = 'qr' | 'phone';

/** Big enough for any phone camera at arm's length (the brief asks for at least 264 px). */
const QR_PIXELS = 288;

/**
 * The screen that links one account: its QR (replaced live as WhatsApp rotates it) or, instead, a
 * code to type on the phone. The page closes it once the account is connected.
 */
export function PairingDialog({ account, onClose }: { account: AccountDto; onClose: () => void }) {
  const { t } = useTranslation();
  const pairing = usePairing(account.id);
  const reconnect = useReconnectAccount();
  const [method, setMethod] = useState<Method>('qr');
  const data = pairing.data ?? null;

  // A code asked for earlier (in another window, or before a reload) opens on the phone tab.
  const openedOnCode = useRef(false);
  useEffect(() => {
    if (openedOnCode.current || !pairing.isSuccess) return;
    openedOnCode.current = true;
    if (data?.code && !data.qr) setMethod('phone');
  }, [pairing.isSuccess, data]);

  const stage = pairingStage(account);
  const common = (content: ReactNode) => {
    if (stage === 'expired') return <Expired onRetry={() => reconnect.mutate(account.id)} retrying={reconnect.isPending} error={reconnect.error} />;
    if (stage === 'other') return <OtherState account={account} onRetry={() => reconnect.mutate(account.id)} retrying={reconnect.isPending} error={reconnect.error} />;
    if (stage === 'linking') return <Waiting text={t('pairing.connecting')} />;
    return content;
  };

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog dialog-wide" data-testid="pairing-dialog" data-state-account={account.state}>
          <Dialog.Title className="dialog-title">{t('pairing.title', { account: account.label })}</Dialog.Title>
          <Dialog.Description className="dialog-description">{t('pairing.description')}</Dialog.Description>
          <Tabs.Root value={method} onValueChange={(value: string) => setMethod(value as Method)}>
            <Tabs.List className="segmented pairing-tabs" aria-label={t('pairing.title', { account: account.label })}>
              <Tabs.Trigger value="qr" className="segment" data-testid="pairing-tab-qr">
                {t('pairing.tabQr')}
              </Tabs.Trigger>
              <Tabs.Trigger value="phone" className="segment" data-testid="pairing-tab-phone">
                {t('pairing.tabPhone')}
              </Tabs.Trigger>
            </Tabs.List>
            {pairing.error && <LoadError error={pairing.error} onRetry={() => void pairing.refetch()} />}
            <Tabs.Content value="qr" className="pairing-panel">
              {common(
                data?.qr ? (
                  <QrPanel qr={data.qr} expiresAt={data.expiresAt} />
                ) : (
                  <Waiting text={t('pairing.preparing')} />
                ),
              )}
            </Tabs.Content>
            <Tabs.Content value="phone" className="pairing-panel">
              {common(<PhonePanel accountId={account.id} pairing={data} />)}
            </Tabs.Content>
          </Tabs.Root>
          <div className="dialog-actions">
            <Dialog.Close className="btn" type="button" data-testid="pairing-close">
              {t('pairing.later')}
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** What the dialog can show for the account's state, whichever tab is open. */
function pairingStage(account: AccountDto): 'expired' | 'other' | 'linking' | 'pairing' {
  if (account.state === 'pairing_expired') return 'expired';
  if (account.state !== 'waiting_qr' && account.state !== 'connecting') return 'other';
  // A phone number means the QR or code was accepted: WhatsApp is finishing the link.
  if (account.state === 'connecting' && account.phone !== null) return 'linking';
  return 'pairing';
}

function QrPanel({ qr, expiresAt }: { qr: string; expiresAt: number | null }) {
  const { t } = useTranslation();
  const drawing = useMemo(() => qrDrawing(qr), [qr]);
  const remaining = useRemaining(expiresAt);
  return (
    <div className="pairing-qr-layout">
      <div className={`qr-card${remaining === 0 ? ' qr-stale' : ''}`}>
        <svg
          data-testid="pairing-qr"
          data-qr={qr}
          role="img"
          aria-label={t('pairing.qrAlt')}
          width={QR_PIXELS}
          height={QR_PIXELS}
          viewBox={`0 0 ${drawing.size} ${drawing.size}`}
          shapeRendering="crispEdges"
        >
          <rect width={drawing.size} height={drawing.size} fill="#ffffff" />
          <path d={drawing.path} fill="#000000" />
        </svg>
      </div>
      <div className="pairing-side">
        <ol className="pairing-steps">
          <li>{t('pairing.step1')}</li>
          <li>{t('pairing.step2')}</li>
          <li>{t('pairing.step3')}</li>
          <li>{t('pairing.step4')}</li>
        </ol>
        <Countdown remaining={remaining} />
      </div>
    </div>
  );
}

function PhonePanel({ accountId, pairing }: { accountId: string; pairing: PairingDto | null }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const request = useRequestPairingCode();
  const [phone, setPhone] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  // "Use another number" shows the form again even though a code is still on record.
  const [editing, setEditing] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const remaining = useRemaining(pairing?.expiresAt ?? null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const trimmed = phone.trim();
    const problem = trimmed === '' ? t('form.required') : trimmed.length < 3 ? t('form.tooShort', { min: 3 }) : null;
    setFieldError(problem);
    if (problem) {
      inputRef.current?.focus();
      return;
    }
    request.mutate(
      { accountId, phone: trimmed },
      {
        onSuccess: () => setEditing(false),
        onError: (error) => {
          if (isApiError(error) && (error.code === 'INVALID_PHONE' || error.code === 'BAD_REQUEST')) {
            setFieldError(errorText(error));
            inputRef.current?.focus();
          } else {
            setFormError(errorText(error));
          }
        },
      },
    );
  };

  if (pairing?.code && !editing) {
    return (
      <div className="pairing-code-layout">
        <ol className="pairing-steps">
          <li>{t('pairing.step1')}</li>
          <li>{t('pairing.codeStep2')}</li>
          <li>{t('pairing.codeStep3')}</li>
          <li>{t('pairing.codeStep4')}</li>
        </ol>
        <div className={`pairing-code${remaining === 0 ? ' qr-stale' : ''}`} data-testid="pairing-code" aria-label={t('pairing.codeLabel')}>
          {formatPairingCode(pairing.code)}
        </div>
        <Countdown remaining={remaining} />
        <button type="button" className="btn btn-link" data-testid="pairing-other-number" onClick={() => setEditing(true)}>
          {t('pairing.otherNumber')}
        </button>
      </div>
    );
  }

  return (
    <form className="pairing-phone-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="pairing-phone">{t('pairing.phone')}</label>
        <input
          id="pairing-phone"
          ref={inputRef}
          data-testid="pairing-phone"
          type="tel"
          inputMode="tel"
          value={phone}
          maxLength={32}
          autoComplete="tel"
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'pairing-phone-error' : 'pairing-phone-hint'}
          onChange={(e) => {
            setPhone(e.target.value);
            setFieldError(null);
          }}
        />
        {fieldError ? (
          <div className="field-error" id="pairing-phone-error" data-testid="pairing-phone-error" role="alert">
            {fieldError}
          </div>
        ) : (
          <div className="field-hint" id="pairing-phone-hint">
            {t('pairing.phoneHint')}
          </div>
        )}
      </div>
      {formError && (
        <p className="form-error" role="alert" data-testid="pairing-phone-form-error">
          {formError}
        </p>
      )}
      <button type="submit" className="btn btn-primary" data-testid="pairing-phone-submit" disabled={request.isPending}>
        {request.isPending ? t('pairing.phoneSubmitting') : t('pairing.phoneSubmit')}
      </button>
    </form>
  );
}

/** Seconds until `expiresAt`, ticking once a second; null when the server gave no expiry. */
function useRemaining(expiresAt: number | null): number | null {
  const now = useNow(1000, expiresAt !== null);
  return expiresAt === null ? null : secondsLeft(expiresAt, now);
}

function Countdown({ remaining }: { remaining: number | null }) {
  const { t } = useTranslation();
  if (remaining === null) return null;
  return (
    <p className={`pairing-countdown${remaining === 0 ? ' pairing-countdown-over' : ''}`} data-testid="pairing-countdown" data-seconds={remaining}>
      {remaining > 0 ? t('pairing.validFor', { time: formatCountdown(remaining) }) : t('pairing.refreshing')}
    </p>
  );
}

function Waiting({ text }: { text: string }) {
  return (
    <div className="pairing-waiting" data-testid="pairing-waiting" role="status">
      <span className="spinner" aria-hidden />
      {text}
    </div>
  );
}

function Expired({ onRetry, retrying, error }: { onRetry: () => void; retrying: boolean; error: unknown }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div className="pairing-expired" data-testid="pairing-expired">
      <h3>{t('pairing.expiredTitle')}</h3>
      <p className="muted">{t('pairing.expiredBody')}</p>
      {error !== null && (
        <p className="form-error" role="alert" data-testid="pairing-retry-error">
          {errorText(error)}
        </p>
      )}
      <button type="button" className="btn btn-primary" data-testid="pairing-retry" disabled={retrying} onClick={onRetry}>
        {retrying ? t('pairing.retrying') : t('pairing.tryAgain')}
      </button>
    </div>
  );
}

/** Logged out, broken, disconnected…: say so, and offer to start linking again. */
function OtherState({ account, onRetry, retrying, error }: { account: AccountDto; onRetry: () => void; retrying: boolean; error: unknown }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const reasonText = useAccountReasonText();
  return (
    <div className="pairing-expired" data-testid="pairing-other-state">
      <AccountStateBadge account={account} />
      {account.reason && (
        <div className="account-reason" data-testid="pairing-reason">
          {t('accounts.reason', { reason: reasonText(account.reason) })}
          {!isReasonCode(account.reason) && <ProblemDetails raw={account.reason} />}
        </div>
      )}
      {error !== null && (
        <p className="form-error" role="alert" data-testid="pairing-retry-error">
          {errorText(error)}
        </p>
      )}
      <button type="button" className="btn btn-primary" data-testid="pairing-retry" disabled={retrying} onClick={onRetry}>
        {retrying ? t('pairing.retrying') : t('accounts.linkAgain')}
      </button>
    </div>
  );
}
