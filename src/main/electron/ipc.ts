// The one IPC entry point: ipcMain.handle('sapa:call'). The sender frame must be the app's
// own top-level page; core validates the method and input. Core's events go to every
// window over 'sapa:event'.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { SapaError } from '../../shared/errors.js';
import {
  IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcCallResult, type IpcEventMessage,
} from '../../preload/ipc-contract.js';
import { type Core } from '../core/index.js';
import { type Logger } from '../core/logger.js';
import { isTrustedIpcSender } from './security.js';

function senderFrameOf(event: IpcMainInvokeEvent): { url: string; isTopLevel: boolean } | null {
  const frame = event.senderFrame;
  return frame ? { url: frame.url, isTopLevel: frame.parent === null } : null;
}

export function registerIpc(core: Core, appOrigin: string, logger: Logger): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<IpcCallResult> => {
    const frame = senderFrameOf(event);
    if (!isTrustedIpcSender(frame, appOrigin)) {
      logger.warn('ipc call from untrusted sender refused', { url: frame?.url });
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'The method name must be a string' } };
    }
    try {
      return { ok: true, output: await core.callByName(method, input) };
    } catch (error) {
      if (error instanceof SapaError) return { ok: false, error: error.toBody() };
      logger.error('ipc call failed', { method, error: String(error) });
      return { ok: false, error: { code: 'INTERNAL', message: 'Unexpected failure' } };
    }
  });

  const unsubscribe = core.onAny((event, payload) => {
    const message: IpcEventMessage = { event, payload };
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, message);
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
}
