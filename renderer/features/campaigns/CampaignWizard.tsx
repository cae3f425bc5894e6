import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  defaultCampaignPacing,
  type AudienceCheckDto,
  type AudienceDraftDto,
  type AudienceSource,
  type CampaignDto,
} from '../../../shared/contract';
import { renderTemplate, variantCount } from '../../../shared/campaign-text';
import { useApiClient } from '../../api/api-context';
import { useAccounts } from '../../api/hooks/use-accounts';
import { useAudienceImport, useCheckAudience, useCreateCampaign, useEstimate, useParseAudienceFile, useStopWhatsAppCheck, useWhatsAppCheckProgress } from '../../api/hooks/use-campaigns';
import { useLabels } from '../../api/hooks/use-inbox';
import { CheckboxField } from '../../ui/CheckboxField';
import { useErrorText } from '../../ui/error-text';
import { formatFullDate } from '../../ui/format';
import { readAsBase64 } from '../inbox/read-file';
import { AttachmentField, type CampaignAttachment } from './AttachmentField';
import { AudienceCheckResult, WhatsAppCheckProgress } from './AudienceCheckResult';
import { AudienceFileStep, ImportProgress } from './AudienceFileStep';
import { countryOfNumber } from './country-choice';
import { CountryField } from './CountryField';
import { LaunchSummaryDialog } from './LaunchSummaryDialog';
import { missingForLaunch } from './launch-check';
import { defaultMapping, fileAudience, localTimeZone, pacingForm, pacingFromForm, windowFromForm, type ColumnMapping, type PacingForm } from './campaign-form';

type SourceKind = 'file' | 'labels' | 'chats';
/** The conversations offered as an audience: the most recent ones (chats.list's largest page). */
const CHAT_CHOICES = 200;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/** Creating a campaign: audience and mapping, accounts, message with preview, pacing, window, start. */
export function CampaignWizard({ onCreated, onCancel }: { onCreated: (campaign: CampaignDto) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const accounts = useAccounts();
  const labels = useLabels();
  const client = useApiClient();
  const [chatsWanted, setChatsWanted] = useState(false);
  const chats = useQuery({
    queryKey: ['campaigns', 'chatChoices'],
    queryFn: () => client.call('chats.list', { limit: CHAT_CHOICES }),
    enabled: chatsWanted,
  });
  const [chatIds, setChatIds] = useState<number[]>([]);
  const parse = useParseAudienceFile();
  const check = useCheckAudience();
  const create = useCreateCampaign();

  const [name, setName] = useState('');
  const [sourceKind, setSourceKind] = useState<SourceKind>('file');
  const [draft, setDraft] = useState<AudienceDraftDto | null>(null);
  const [pendingDraftId, setPendingDraftId] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [labelIds, setLabelIds] = useState<number[]>([]);
  const [accountIds, setAccountIds] = useState<string[]>([]);
  const [template, setTemplate] = useState('');
  const [previewIndex, setPreviewIndex] = useState(0);
  const [previewSeed, setPreviewSeed] = useState(0);
  const [pacing, setPacing] = useState<PacingForm>(pacingForm(defaultCampaignPacing));
  const [windowStart, setWindowStart] = useState('09:00');
  const [windowEnd, setWindowEnd] = useState('20:00');
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5, 6]);
  const [startAt, setStartAt] = useState('');
  const [checked, setChecked] = useState<AudienceCheckDto | null>(null);
  const [checkWhatsApp, setCheckWhatsApp] = useState(false);
  const whatsAppProgress = useWhatsAppCheckProgress();
  const stopCheck = useStopWhatsAppCheck();
  const [attachment, setAttachment] = useState<CampaignAttachment | null>(null);
  const importProgress = useAudienceImport(pendingDraftId);

  // The sending number's country prefills the default country until the person picks one.
  const accountCountry = countryOfNumber(accounts.data?.find((a) => accountIds.includes(a.id) && countryOfNumber(a.phone))?.phone) ?? '';
  const [chosenCountry, setCountry] = useState('');
  const country = chosenCountry || accountCountry;
  const countryMissing = sourceKind === 'file' && country === '';
  const countryParam = sourceKind === 'file' && country ? { defaultCountry: country } : {};

  const audience: AudienceSource | null =
    sourceKind === 'file'
      ? draft && mapping
        ? fileAudience(draft.draftId, mapping)
        : null
      : sourceKind === 'labels'
        ? labelIds.length > 0
          ? { kind: 'labels', labelIds }
          : null
        : chatIds.length > 0
          ? { kind: 'chats', chatIds }
          : null;
  const pacingValue = pacingFromForm(pacing, defaultCampaignPacing.failureBrakePct);
  const timeZone = useMemo(localTimeZone, []);
  const windowValue = windowFromForm(windowStart, windowEnd, weekdays, timeZone);
  const startMs = startAt ? new Date(startAt).getTime() : undefined;
  const estimate = useEstimate(
    checked && pacingValue && windowValue && accountIds.length > 0
      ? { recipients: checked.valid, accountIds, pacing: pacingValue, window: windowValue, ...(startMs ? { startAt: startMs } : {}) }
      : null,
  );

  const chooseFile = async (file: File) => {
    setChecked(null);
    setDraft(null);
    const draftId = crypto.randomUUID();
    setPendingDraftId(draftId);
    const dataBase64 = await readAsBase64(file);
    parse.mutate(
      { draftId, fileName: file.name, dataBase64 },
      {
        onSuccess: (parsed) => {
          setDraft(parsed);
          setMapping(defaultMapping(parsed.columns, parsed.phoneColumns));
          if (!name) setName(file.name.replace(/\.[^.]+$/, ''));
        },
      },
    );
  };

  const runCheck = () => {
    if (!audience || accountIds.length === 0 || countryMissing) return;
    check.mutate({ audience, accountIds, checkWhatsApp: wantWhatsApp, ...countryParam }, { onSuccess: setChecked });
  };

  const sample = checked?.sample[previewIndex % Math.max(1, checked.sample.length)];
  const preview = useMemo(() => {
    if (!template.trim()) return null;
    let seed = previewSeed + 1;
    // A small deterministic generator: "another variant" steps the seed.
    const random = () => {
      seed = (seed * 9301 + 49297) % 233280;
      return seed / 233280;
    };
    return renderTemplate(template, sample?.variables ?? {}, random);
  }, [template, sample, previewSeed]);

  const practiceChosen = accounts.data?.some((a) => accountIds.includes(a.id) && a.kind === 'practice') ?? false;
  const missing = missingForLaunch({
    name,
    audience: audience !== null,
    countryMissing,
    accounts: accountIds.length,
    template,
    pacing: pacingValue !== null,
    window: windowValue !== null,
    practiceWithFile: practiceChosen && attachment !== null,
  });
  const canCreate = missing.length === 0 && !create.isPending;
  // Practice numbers cannot ask WhatsApp: the box is disabled, and a tick from before does not count.
  const wantWhatsApp = checkWhatsApp && !practiceChosen;
  const [confirming, setConfirming] = useState(false);

  // The only number is the one that sends: nothing to choose.
  const preselected = useRef(false);
  useEffect(() => {
    if (preselected.current || !accounts.data) return;
    preselected.current = true;
    if (accounts.data.length === 1) setAccountIds([accounts.data[0]!.id]);
  }, [accounts.data]);

  /** "Crear" first shows what will happen (checking the numbers if that was not done) and asks. */
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canCreate || !audience) return;
    if (checked) setConfirming(true);
    else check.mutate({ audience, accountIds, checkWhatsApp: wantWhatsApp, ...countryParam }, { onSuccess: (result) => (setChecked(result), setConfirming(true)) });
  };

  const launch = () => {
    if (!canCreate || !audience || !pacingValue || !windowValue) return;
    setConfirming(false);
    create.mutate(
      {
        name: name.trim(),
        audience,
        template,
        accountIds,
        pacing: pacingValue,
        window: windowValue,
        skipNotOnWhatsApp: wantWhatsApp,
        ...countryParam,
        ...(attachment ? { attachment: { kind: attachment.kind, fileName: attachment.fileName, mime: attachment.mime, dataBase64: attachment.dataBase64 } } : {}),
        ...(startMs ? { startAt: startMs } : {}),
      },
      { onSuccess: onCreated },
    );
  };

  const setPacingField = (key: keyof PacingForm) => (value: string) => setPacing((p) => ({ ...p, [key]: value }));

  return (
    <form className="campaign-wizard" onSubmit={submit} data-testid="campaign-wizard">
      <section className="wizard-section">
        <h2>{t('campaigns.wizard.basics')}</h2>
        <div className="field">
          <label htmlFor="campaign-name">{t('campaigns.wizard.name')}</label>
          <input id="campaign-name" data-testid="campaign-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        </div>
      </section>

      <section className="wizard-section">
        <h2>{t('campaigns.wizard.audience')}</h2>
        <div className="choice-row" role="radiogroup" aria-label={t('campaigns.wizard.audience')}>
          {(['file', 'labels', 'chats'] as const).map((kind) => (
            <label key={kind} className="toggle-chip">
              <input
                type="radio"
                name="audience-kind"
                data-testid={`audience-${kind}`}
                checked={sourceKind === kind}
                onChange={() => {
                  setSourceKind(kind);
                  if (kind === 'chats') setChatsWanted(true);
                  setChecked(null);
                }}
              />
              {t(`campaigns.wizard.source.${kind}`)}
            </label>
          ))}
        </div>
        {sourceKind === 'file' && (
          <AudienceFileStep
            draft={draft}
            mapping={mapping}
            onMapping={(next) => {
              setMapping(next);
              setChecked(null);
            }}
            onFile={(file) => void chooseFile(file)}
            reading={parse.isPending}
            readError={parse.error}
            progress={importProgress.data}
          />
        )}
        {sourceKind === 'file' && <CountryField value={country} fromAccount={country !== '' && country === accountCountry} onChange={(c) => { setCountry(c); setChecked(null); }} />}
        {sourceKind === 'labels' && (
          <div className="choice-list">
            {labels.data?.length === 0 && <p className="muted small">{t('campaigns.wizard.noLabels')}</p>}
            {labels.data?.map((label) => (
              <CheckboxField
                key={label.id}
                id={`campaign-label-${label.id}`}
                label={label.name}
                checked={labelIds.includes(label.id)}
                onChange={(on) => {
                  setLabelIds((ids) => (on ? [...ids, label.id] : ids.filter((x) => x !== label.id)));
                  setChecked(null);
                }}
              />
            ))}
          </div>
        )}
        {sourceKind === 'chats' && (
          <div className="chat-choices" data-testid="chat-choices">
            <div className="preview-head">
              <span className="muted small">{t('campaigns.wizard.chatsHint', { count: chats.data?.length ?? 0 })}</span>
              <button
                type="button"
                className="btn btn-link"
                onClick={() => {
                  const all = (chats.data ?? []).map((c) => c.id);
                  setChatIds(chatIds.length === all.length ? [] : all);
                  setChecked(null);
                }}
              >
                {t('campaigns.wizard.selectAll')}
              </button>
            </div>
            <div className="choice-list chat-choice-list">
              {chats.data?.map((chat) => (
                <CheckboxField
                  key={chat.id}
                  id={`campaign-chat-${chat.id}`}
                  label={chat.title}
                  checked={chatIds.includes(chat.id)}
                  onChange={(on) => {
                    setChatIds((ids) => (on ? [...ids, chat.id] : ids.filter((x) => x !== chat.id)));
                    setChecked(null);
                  }}
                />
              ))}
            </div>
          </div>
        )}
      </section>

      <section className="wizard-section">
        <h2>{t('campaigns.wizard.accounts')}</h2>
        <p className="muted small">{t('campaigns.wizard.accountsHint')}</p>
        <div className="choice-list">
          {accounts.data?.map((account) => (
            <CheckboxField
              key={account.id}
              id={`campaign-account-${account.id}`}
              testId="campaign-account"
              label={account.label}
              checked={accountIds.includes(account.id)}
              onChange={(on) => {
                setAccountIds((ids) => (on ? [...ids, account.id] : ids.filter((x) => x !== account.id)));
                setChecked(null);
              }}
            />
          ))}
        </div>
        <CheckboxField
          id="check-whatsapp"
          testId="check-whatsapp"
          disabled={practiceChosen}
          label={t('campaigns.wizard.checkWhatsApp')}
          hint={practiceChosen ? t('campaigns.wizard.checkWhatsAppPractice') : t('campaigns.wizard.checkWhatsAppHint')}
          checked={checkWhatsApp}
          onChange={(on) => {
            setCheckWhatsApp(on);
            setChecked(null);
          }}
        />
        <button type="button" className="btn" data-testid="check-audience" disabled={!audience || accountIds.length === 0 || countryMissing || check.isPending} onClick={runCheck}>
          {t('campaigns.wizard.check')}
        </button>
        {check.error && (
          <p className="form-error" role="alert" data-testid="audience-check-error">
            {errorText(check.error)}
          </p>
        )}
        {check.isPending && sourceKind === 'file' && <ImportProgress progress={importProgress.data?.stage === 'checking' ? importProgress.data : null} fallback="checking" />}
        {check.isPending && checkWhatsApp && <WhatsAppCheckProgress progress={whatsAppProgress.data} onStop={() => stopCheck.mutate()} />}
        {checked && <AudienceCheckResult checked={checked} />}
      </section>

      <section className="wizard-section">
        <h2>{t('campaigns.wizard.message')}</h2>
        <div className="field">
          <label htmlFor="campaign-template">{t('campaigns.wizard.text')}</label>
          <textarea id="campaign-template" data-testid="campaign-template" rows={4} maxLength={4096} value={template} onChange={(e) => setTemplate(e.target.value)} />
          <div className="field-hint">
            {t('campaigns.wizard.textHint', { variable: `{{${checked?.variables[0] ?? t('campaigns.wizard.exampleVariable')}}}`, spin: t('campaigns.wizard.exampleSpin') })}
            {checked && checked.variables.length > 0 && ` ${t('campaigns.wizard.available', { list: checked.variables.map((v) => `{{${v}}}`).join(' ') })}`}
          </div>
        </div>
        <AttachmentField value={attachment} onChange={setAttachment} disabled={practiceChosen} />
        {preview && (
          <div className="message-preview" data-testid="message-preview">
            <div className="preview-head">
              <span className="muted small">{sample ? t('campaigns.wizard.previewFor', { phone: `+${sample.phone}` }) : t('campaigns.wizard.previewNoData')}</span>
              {checked && checked.sample.length > 1 && (
                <button type="button" className="btn btn-link" onClick={() => setPreviewIndex((i) => i + 1)}>
                  {t('campaigns.wizard.nextRecipient')}
                </button>
              )}
              {variantCount(template) > 1 && (
                <button type="button" className="btn btn-link" onClick={() => setPreviewSeed((s) => s + 1)}>
                  {t('campaigns.wizard.otherVariant', { count: variantCount(template) })}
                </button>
              )}
            </div>
            <div className="preview-bubble">
              {attachment?.previewUrl && <img className="preview-image" src={attachment.previewUrl} alt={attachment.fileName} data-testid="preview-image" />}
              {attachment && !attachment.previewUrl && <div className="preview-attachment">📎 {attachment.fileName}</div>}
              {preview.text}
            </div>
          </div>
        )}
      </section>

      <section className="wizard-section">
        <h2>{t('campaigns.wizard.pacing')}</h2>
        <p className="muted small">{t('campaigns.wizard.pacingHint')}</p>
        <div className="pacing-grid">
          {(
            [
              ['minDelaySec', 'minDelay'],
              ['maxDelaySec', 'maxDelay'],
              ['pauseEvery', 'pauseEvery'],
              ['pauseMinMin', 'pauseMin'],
              ['pauseMaxMin', 'pauseMax'],
              ['hourlyCap', 'hourlyCap'],
              ['dailyCap', 'dailyCap'],
            ] as const
          ).map(([key, label]) => (
            <div className="field" key={key}>
              <label htmlFor={`pacing-${key}`}>{t(`campaigns.pacing.${label}`)}</label>
              <input id={`pacing-${key}`} data-testid={`pacing-${key}`} inputMode="numeric" value={pacing[key]} onChange={(e) => setPacingField(key)(e.target.value)} />
            </div>
          ))}
        </div>
        <CheckboxField id="pacing-warmup" label={t('campaigns.pacing.warmup')} hint={t('campaigns.pacing.warmupHint')} checked={pacing.warmup} onChange={(warmup) => setPacing((p) => ({ ...p, warmup }))} testId="pacing-warmup" />
        {!pacingValue && <p className="field-error">{t('campaigns.pacing.invalid')}</p>}
        <div className="window-row">
          <div className="field">
            <label htmlFor="window-start">{t('campaigns.window.from')}</label>
            <input id="window-start" data-testid="window-start" type="time" value={windowStart} onChange={(e) => setWindowStart(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="window-end">{t('campaigns.window.to')}</label>
            <input id="window-end" data-testid="window-end" type="time" value={windowEnd} onChange={(e) => setWindowEnd(e.target.value)} />
          </div>
          <div className="weekday-chips" role="group" aria-label={t('campaigns.window.days')}>
            {WEEKDAYS.map((day) => (
              <label key={day} className="toggle-chip">
                <input type="checkbox" checked={weekdays.includes(day)} onChange={(e) => setWeekdays((d) => (e.target.checked ? [...d, day] : d.filter((x) => x !== day)))} />
                {t(`campaigns.weekday.${String(day) as '0'}`)}
              </label>
            ))}
          </div>
        </div>
        <p className="muted small">{t('campaigns.window.zone', { zone: timeZone })}</p>
      </section>

      <section className="wizard-section">
        <h2>{t('campaigns.wizard.schedule')}</h2>
        <div className="field">
          <label htmlFor="campaign-start">{t('campaigns.wizard.startAt')}</label>
          <input id="campaign-start" data-testid="campaign-start" type="datetime-local" value={startAt} onChange={(e) => setStartAt(e.target.value)} />
          <div className="field-hint">{t('campaigns.wizard.startHint')}</div>
        </div>
        {estimate.data && (
          <p data-testid="campaign-estimate">
            {estimate.data.finishAt ? t('campaigns.estimate', { when: formatFullDate(estimate.data.finishAt, i18n.language) }) : t('campaigns.estimateNone')}
          </p>
        )}
        {estimate.error && <p className="form-error">{errorText(estimate.error)}</p>}
      </section>

      {create.isPending && sourceKind === 'file' && <ImportProgress progress={importProgress.data?.stage === 'creating' ? importProgress.data : null} fallback="creating" />}
      {create.error && (
        <p className="form-error" role="alert" data-testid="campaign-create-error">
          {errorText(create.error)}
        </p>
      )}
      {missing.length > 0 && (
        <p className="muted small" data-testid="create-missing">
          {t('campaigns.missing.intro', { list: missing.map((m) => t(`campaigns.missing.${m}`)).join(', ') })}
        </p>
      )}
      {confirming && checked && pacingValue && windowValue && (
        <LaunchSummaryDialog
          people={checked.valid}
          accountLabels={(accounts.data ?? []).filter((a) => accountIds.includes(a.id)).map((a) => a.label)}
          pacing={pacingValue}
          window={windowValue}
          startAt={startMs ?? null}
          finishAt={estimate.data?.finishAt ?? null}
          onConfirm={launch}
          onClose={() => setConfirming(false)}
        />
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" data-testid="campaign-create" disabled={!canCreate}>
          {startMs ? t('campaigns.wizard.schedule') : t('campaigns.wizard.launch')}
        </button>
      </div>
    </form>
  );
}
