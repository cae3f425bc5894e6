import { create } from 'zustand';
import type { ConnectionStatus } from '../api/transport';

interface ConnectionState {
  status: ConnectionStatus;
  setStatus(status: ConnectionStatus): void;
}

/** Mirrors the transport's status for the banner and the "open the URL with the token" screen. */
export const useConnectionStore = create<ConnectionState>((set) => ({
  status: 'connecting',
  setStatus: (status) => set({ status }),
}));
