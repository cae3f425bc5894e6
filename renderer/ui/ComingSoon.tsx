import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ComingSoon({ title, body, testId, icon }: { title: string; body: string; testId: string; icon: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid={testId}>
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <div className="empty-state">
        <div className="empty-icon">{icon}</div>
        <span className="chip">{t('comingSoon.badge')}</span>
        <p>{body}</p>
      </div>
    </div>
  );
}
