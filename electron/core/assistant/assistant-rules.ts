import type { BusinessHours } from '../../../shared/contract';

/** Lower case without accents or extra spaces, so "Asesór" and "asesor" match. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The first keyword the customer's text contains as whole words (accents and case ignored). */
export function handoverKeywordIn(text: string, keywords: readonly string[]): string | null {
  const haystack = ` ${foldText(text)} `;
  for (const keyword of keywords) {
    const needle = foldText(keyword);
    if (needle && haystack.includes(` ${needle} `)) return keyword;
  }
  return null;
}

/** Only one-to-one chats with a person: never groups, status, broadcast lists or channels. */
export function isPersonalChatJid(jid: string): boolean {
  return jid.endsWith('@s.whatsapp.net') || jid.endsWith('@lid');
}

const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Weekday (0 = Sunday) and minutes since midnight of `at` in `timeZone`. */
export function localTime(at: number, timeZone: string): { day: number; minutes: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  } catch {
    // An unknown zone falls back to UTC rather than stopping the assistant.
    parts = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return { day: weekdays[get('weekday')] ?? 0, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the shop is open at `at`. Hours that close after midnight (22:00–02:00) count for the day they open. */
export function isWithinBusinessHours(at: number, hours: BusinessHours): boolean {
  const { day, minutes } = localTime(at, hours.timeZone);
  const open = minutesOf(hours.open);
  const close = minutesOf(hours.close);
  if (open === close) return hours.days.includes(day);
  if (open < close) return hours.days.includes(day) && minutes >= open && minutes < close;
  const yesterday = (day + 6) % 7;
  return (hours.days.includes(day) && minutes >= open) || (hours.days.includes(yesterday) && minutes < close);
}

/** UTC day key for the stats rollup. */
export const dayKey = (at: number) => new Date(at).toISOString().slice(0, 10);
/** First UTC day of `at`'s month: the spend cap counts from it. */
export const monthStartKey = (at: number) => `${new Date(at).toISOString().slice(0, 7)}-01`;

/** Estimated cost in millionths of a dollar (prices are per million tokens, so the units cancel). */
export function costMicros(promptTokens: number, completionTokens: number, prices: { inputPricePerMillion: number; outputPricePerMillion: number }): number {
  return Math.round(promptTokens * prices.inputPricePerMillion + completionTokens * prices.outputPricePerMillion);
}

/** WhatsApp messages a person would comfortably read on a phone. */
export const MAX_MESSAGE_CHARS = 700;
/** An answer never becomes more messages than this. */
export const MAX_MESSAGES_PER_ANSWER = 4;

/**
 * Splits an answer into WhatsApp-sized messages at paragraph, then sentence, then word breaks;
 * empty parts are dropped. What does not fit in the last message is kept there rather than lost.
 */
export function splitAnswer(parts: readonly string[], maxChars = MAX_MESSAGE_CHARS, maxMessages = MAX_MESSAGES_PER_ANSWER): string[] {
  const pieces: string[] = [];
  for (const part of parts) {
    const text = part.trim();
    if (!text) continue;
    if (text.length <= maxChars) {
      pieces.push(text);
      continue;
    }
    let current = '';
    const flush = () => {
      if (current.trim()) pieces.push(current.trim());
      current = '';
    };
    for (const unit of breakUnits(text, maxChars)) {
      const joined = current ? `${current}${unit.sep}${unit.text}` : unit.text;
      if (joined.length > maxChars) {
        flush();
        current = unit.text;
      } else current = joined;
    }
    flush();
  }
  if (pieces.length <= maxMessages) return pieces;
  return [...pieces.slice(0, maxMessages - 1), pieces.slice(maxMessages - 1).join('\n\n')];
}

/** Paragraphs; a paragraph too long becomes sentences; a sentence too long becomes words. */
function breakUnits(text: string, maxChars: number): { text: string; sep: string }[] {
  const units: { text: string; sep: string }[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    if (paragraph.length <= maxChars) {
      units.push({ text: paragraph.trim(), sep: '\n\n' });
      continue;
    }
    const sentences = paragraph.match(/[^.!?¡¿]*[.!?]+(\s+|$)|[^.!?]+$/g) ?? [paragraph];
    let first = true;
    for (const sentence of sentences) {
      const s = sentence.trim();
      if (!s) continue;
      if (s.length <= maxChars) units.push({ text: s, sep: first ? '\n\n' : ' ' });
      else for (const word of s.split(/\s+/)) units.push({ text: word, sep: ' ' });
      first = false;
    }
  }
  return units;
}

/** Inputs of the guard against answering another bot in a loop. */
export interface LoopSignals {
  /** Times (ms) of the assistant's replies in this chat, oldest first. */
  replyTimes: readonly number[];
  /** Times (ms) of the customer's messages in this chat, oldest first. */
  customerTimes: readonly number[];
  /** The customer's newest text and the assistant's last reply text. */
  lastCustomerText: string | null;
  lastReplyText: string | null;
}

/** A person needs a few seconds to read and type; three answers in a row faster than this look automatic. */
export const BOT_REPLY_MS = 3_000;
const BOT_STREAK = 3;
const MIN_ECHO_CHARS = 20;

/**
 * True when the other side looks like a bot: it echoes our last reply, or answered our last three
 * replies within a few seconds each.
 */
export function looksLikeBotLoop(signals: LoopSignals): boolean {
  const { replyTimes, customerTimes } = signals;
  // Only a sentence counts as an echo: a customer's "gracias" after our "¡Gracias!" is a person.
  const echoed = signals.lastCustomerText ? foldText(signals.lastCustomerText) : '';
  if (echoed.length >= MIN_ECHO_CHARS && signals.lastReplyText && echoed === foldText(signals.lastReplyText)) return true;
  if (replyTimes.length < BOT_STREAK) return false;
  let quick = 0;
  for (const replyAt of replyTimes.slice(-BOT_STREAK)) {
    const next = customerTimes.find((t) => t >= replyAt);
    if (next !== undefined && next - replyAt <= BOT_REPLY_MS) quick++;
  }
  return quick >= BOT_STREAK;
}
