import type { SupervisorView } from './supervisor-view';

type Lang = 'es' | 'en';

const text = {
  es: {
    title: 'Mostrador · servidor central',
    workstations: 'Puestos',
    name: 'Nombre',
    enrolled: 'Alta',
    lastSync: 'Última sincronización',
    never: 'nunca',
    accounts: 'Cuentas',
    account: 'Cuenta',
    state: 'Estado',
    workstation: 'Puesto',
    conversations: 'Conversaciones',
    messages: 'Mensajes',
    agents: 'Agentes',
    agent: 'Agente',
    assigned: 'Conversaciones asignadas',
    empty: 'Nada todavía.',
  },
  en: {
    title: 'Mostrador · central server',
    workstations: 'Workstations',
    name: 'Name',
    enrolled: 'Enrolled',
    lastSync: 'Last sync',
    never: 'never',
    accounts: 'Accounts',
    account: 'Account',
    state: 'State',
    workstation: 'Workstation',
    conversations: 'Conversations',
    messages: 'Messages',
    agents: 'Agents',
    agent: 'Agent',
    assigned: 'Assigned conversations',
    empty: 'Nothing yet.',
  },
} as const;

/** Spanish first: English only when the browser prefers it over Spanish. */
export function languageOf(acceptLanguage: string | undefined): Lang {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'es' || tag === 'en') return tag;
  }
  return 'es';
}

const escape = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function table(headers: string[], rows: unknown[][], empty: string) {
  if (rows.length === 0) return `<p>${escape(empty)}</p>`;
  const head = headers.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function renderSupervisorPage(view: SupervisorView, lang: Lang): string {
  const t = text[lang];
  const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : t.never);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(t.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#1f2937}table{border-collapse:collapse;margin-bottom:1.5rem}
th,td{border-bottom:1px solid #e5e7eb;padding:.35rem .8rem;text-align:left}th{background:#f3f4f6}</style></head><body>
<h1>${escape(t.title)}</h1>
<h2>${escape(t.workstations)}</h2>
${table([t.name, t.enrolled, t.lastSync], view.workstations.map((w) => [w.name, when(w.enrolledAt), when(w.lastSyncAt)]), t.empty)}
<h2>${escape(t.accounts)}</h2>
${table(
  [t.account, t.state, t.workstation, t.conversations, t.messages],
  view.accounts.map((a) => [a.label, a.status, a.workstation, a.conversations, a.messages]),
  t.empty,
)}
<h2>${escape(t.agents)}</h2>
${table([t.agent, t.messages, t.assigned], view.agents.map((a) => [a.agent, a.messages, a.assigned]), t.empty)}
</body></html>`;
}
