import { proto, type WAMessage } from '@whiskeysockets/baileys';

export interface WaMessageInput {
  id: string;
  remoteJid: string;
  fromMe?: boolean;
  participant?: string;
  /** Baileys-only key fields, which protobuf does not carry. */
  remoteJidAlt?: string;
  participantAlt?: string;
  addressingMode?: string;
  message?: proto.IMessage;
  seconds?: number;
  pushName?: string;
  status?: proto.WebMessageInfo.Status;
}

/** A real proto.WebMessageInfo with Baileys' extra key fields, as a messages.upsert carries it. */
export function waMessage(input: WaMessageInput): WAMessage {
  const info = proto.WebMessageInfo.fromObject({
    key: { remoteJid: input.remoteJid, fromMe: input.fromMe ?? false, id: input.id, ...(input.participant ? { participant: input.participant } : {}) },
    ...(input.message ? { message: input.message } : {}),
    messageTimestamp: input.seconds ?? 1_700_000_000,
    ...(input.pushName ? { pushName: input.pushName } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
  }) as WAMessage;
  if (input.remoteJidAlt) info.key.remoteJidAlt = input.remoteJidAlt;
  if (input.participantAlt) info.key.participantAlt = input.participantAlt;
  if (input.addressingMode) info.key.addressingMode = input.addressingMode;
  return info;
}

export const customerJid = '5215512345678@s.whatsapp.net';
export const customerLid = '204882711234567@lid';
