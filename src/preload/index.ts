// The preload: exposes exactly one object, window.sapa, implementing SapaApi over IPC.
// Runs sandboxed with context isolation; it forwards, it does not decide (core validates
// input and main checks the sender). Errors cross contextBridge as plain objects because
// custom properties of Error instances are lost on the way.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  type EventName, type EventPayload, type MethodInput, type MethodName, type MethodOutput, type SapaApi,
} from '../shared/api.js';
import { type AttentionMessage } from '../shared/attention.js';
import {
  IPC_ATTENTION_CHANNEL, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcCallResult, type IpcEventMessage,
} from './ipc-contract.js';

const api = {
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const answer = (await ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input)) as IpcCallResult;
    if (answer.ok) return answer.output as MethodOutput<M>;
    const { code, message, details } = answer.error;
    throw details === undefined ? { code, message } : { code, message, details };
  },

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const handler = (_event: IpcRendererEvent, message: IpcEventMessage) => {
      if (message.event === event) listener(message.payload as EventPayload<E>);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },

  async attention(message: AttentionMessage): Promise<void> {
    await ipcRenderer.invoke(IPC_ATTENTION_CHANNEL, message);
  },
} satisfies SapaApi;

contextBridge.exposeInMainWorld('sapa', api);
