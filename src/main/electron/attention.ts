// The shell's side of the attention channel (src/shared/attention.ts): the sender must be
// the app's own top-level page and the message must parse; then the plan (attention-plan.ts)
// is carried out on the main window. A click on the notification brings the window forward
// — the agent's own choice; the request itself never takes the focus.
import { app, ipcMain, Notification, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { AttentionMessage } from '../../shared/attention.js';
import { IPC_ATTENTION_CHANNEL } from '../../preload/ipc-contract.js';
import { type Logger } from '../core/logger.js';
import { attentionPlan } from './attention-plan.js';
import { isTrustedIpcSender } from './security.js';

function senderFrameOf(event: IpcMainInvokeEvent): { url: string; isTopLevel: boolean } | null {
  const frame = event.senderFrame;
  return frame ? { url: frame.url, isTopLevel: frame.parent === null } : null;
}

export function registerAttention(mainWindow: () => BrowserWindow | null, appOrigin: string, logger: Logger): () => void {
  let shown: Notification | null = null;
  let bounceId: number | null = null;

  const takeDown = (window: BrowserWindow | null) => {
    shown?.close();
    shown = null;
    if (window && !window.isDestroyed()) window.flashFrame(false);
    if (bounceId !== null) app.dock?.cancelBounce(bounceId);
    bounceId = null;
  };

  ipcMain.handle(IPC_ATTENTION_CHANNEL, (event, raw: unknown) => {
    if (!isTrustedIpcSender(senderFrameOf(event), appOrigin)) {
      logger.warn('attention request from untrusted sender refused');
      return;
    }
    const parsed = AttentionMessage.safeParse(raw);
    if (!parsed.success) {
      logger.warn('attention request refused: invalid message');
      return;
    }
    const window = mainWindow();
    takeDown(window);
    if (parsed.data.action === 'cancel' || !window || window.isDestroyed()) return;
    const plan = attentionPlan(process.platform, { focused: window.isFocused(), visible: window.isVisible(), minimized: window.isMinimized() });
    if (plan.notify && Notification.isSupported()) {
      // Silent: the ringer already rings on the agent's chosen device.
      shown = new Notification({ title: parsed.data.title, body: parsed.data.body, silent: true });
      shown.on('click', () => {
        if (window.isDestroyed()) return;
        if (window.isMinimized()) window.restore();
        window.show();
        window.focus();
      });
      shown.show();
    }
    if (plan.flashFrame) {
      window.flashFrame(true);
      window.once('focus', () => { if (!window.isDestroyed()) window.flashFrame(false); });
    }
    if (plan.dockBounce) bounceId = app.dock?.bounce('critical') ?? null;
  });

  return () => {
    ipcMain.removeHandler(IPC_ATTENTION_CHANNEL);
    takeDown(mainWindow());
  };
}
