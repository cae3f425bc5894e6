// Sandboxed preload: wires the bridge to Electron and exposes it as `window.api`. Nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('api', createBridge({ ipcRenderer }));
