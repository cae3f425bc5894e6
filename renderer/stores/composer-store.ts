import { create } from 'zustand';
import type { MessageDto } from '../../shared/contract';
import { classifyFile, type SendableKind } from '../features/inbox/attachment-kind';

export interface Attachment {
  id: number;
  file: File;
  kind: SendableKind;
  mime: string;
  fileName: string;
  /** blob: URL of a picture to preview; revoked when the attachment goes. */
  previewUrl: string | null;
}

export interface RefusedFile {
  fileName: string;
  reason: 'tooLarge' | 'empty';
}

interface ComposerState {
  /** The chat these belong to: switching chats starts clean. */
  chatId: number | null;
  replyTo: MessageDto | null;
  attachments: Attachment[];
  refused: RefusedFile[];
  reset(chatId: number | null): void;
  setReplyTo(message: MessageDto | null): void;
  addFiles(files: Iterable<File>): void;
  removeAttachment(id: number): void;
  clearAttachments(): void;
  dismissRefused(): void;
}

let nextId = 1;

const revoke = (attachments: Attachment[]) => {
  for (const a of attachments) if (a.previewUrl) URL.revokeObjectURL(a.previewUrl);
};

/** The composer's reply target and picked files (UI state, set from the bubbles and drag-and-drop too). */
export const useComposerStore = create<ComposerState>((set, get) => ({
  chatId: null,
  replyTo: null,
  attachments: [],
  refused: [],
  reset: (chatId) => {
    if (get().chatId === chatId) return;
    revoke(get().attachments);
    set({ chatId, replyTo: null, attachments: [], refused: [] });
  },
  setReplyTo: (replyTo) => set({ replyTo }),
  addFiles: (files) => {
    const added: Attachment[] = [];
    const refused: RefusedFile[] = [];
    for (const file of files) {
      const verdict = classifyFile(file);
      if (!verdict.ok) {
        refused.push({ fileName: file.name, reason: verdict.reason });
        continue;
      }
      const previewUrl = verdict.kind === 'image' ? URL.createObjectURL(file) : null;
      added.push({ id: nextId++, file, kind: verdict.kind, mime: verdict.mime, fileName: verdict.fileName, previewUrl });
    }
    set((state) => ({ attachments: [...state.attachments, ...added], refused }));
  },
  removeAttachment: (id) =>
    set((state) => {
      revoke(state.attachments.filter((a) => a.id === id));
      return { attachments: state.attachments.filter((a) => a.id !== id) };
    }),
  clearAttachments: () => {
    revoke(get().attachments);
    set({ attachments: [], refused: [] });
  },
  dismissRefused: () => set({ refused: [] }),
}));
