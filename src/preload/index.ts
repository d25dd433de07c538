// The preload: exposes the contract as window.batchdesk and nothing else (never ipcRenderer itself). It runs
// sandboxed, so it is bundled into one CommonJS file that only requires 'electron' (electron.vite.config.ts).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('batchdesk', createBridge(ipcRenderer, webUtils));
