// The IPC channel names and answer shape shared by the preload and the Electron main
// process. Pure TypeScript (no electron import) so both sides and tests can use it.
export const IPC_CALL_CHANNEL = 'sapa:call';
export const IPC_EVENT_CHANNEL = 'sapa:event';
/** The shell's attention request (notification, taskbar flash): src/shared/attention.ts. */
export const IPC_ATTENTION_CHANNEL = 'sapa:attention';

export interface IpcErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export type IpcCallResult = { ok: true; output: unknown } | { ok: false; error: IpcErrorBody };

export interface IpcEventMessage {
  event: string;
  payload: unknown;
}
