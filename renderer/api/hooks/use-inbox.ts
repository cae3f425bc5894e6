import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodRequest } from '../../../shared/contract';
import { useApiClient } from '../api-context';
import { applyEventBatch } from '../event-bridge';
import { queryKeys } from '../query-keys';

// Labels, private notes, quick replies and the unread totals: fetched once, then kept by events.

export function useLabels() {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.labels, queryFn: () => client.call('labels.list', {}) });
}

export function useSaveLabel() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'labels.save'>) => client.call('labels.save', request),
    onSuccess: (label) => applyEventBatch(queryClient, { topic: 'labels.upserted', items: [label] }),
  });
}

export function useDeleteLabel() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => client.call('labels.delete', { id }),
    onSuccess: (_result, id) => applyEventBatch(queryClient, { topic: 'labels.removed', items: [{ id }] }),
  });
}

export function useNotes(chatId: number) {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.notes(chatId), queryFn: () => client.call('notes.list', { chatId }) });
}

export function useAddNote() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'notes.add'>) => client.call('notes.add', request),
    onSuccess: (note) => applyEventBatch(queryClient, { topic: 'notes.upserted', items: [note] }),
  });
}

export function useDeleteNote() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: { id: number; chatId: number }) => client.call('notes.delete', { id: note.id }),
    onSuccess: (_result, note) => applyEventBatch(queryClient, { topic: 'notes.removed', items: [note] }),
  });
}

export function useQuickReplies() {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.quickReplies, queryFn: () => client.call('quickReplies.list', {}) });
}

export function useSaveQuickReply() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MethodRequest<'quickReplies.save'>) => client.call('quickReplies.save', request),
    onSuccess: (reply) => applyEventBatch(queryClient, { topic: 'quickReplies.upserted', items: [reply] }),
  });
}

export function useDeleteQuickReply() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => client.call('quickReplies.delete', { id }),
    onSuccess: (_result, id) => applyEventBatch(queryClient, { topic: 'quickReplies.removed', items: [{ id }] }),
  });
}

/** Unread totals for the page title and the sidebar badge. */
export function useInboxCounts() {
  const client = useApiClient();
  return useQuery({ queryKey: queryKeys.inboxCounts, queryFn: () => client.call('inbox.counts', {}) });
}
