// What the channel modules share: the database, the clock (the contact center's, so a test
// moves the 24-hour window and the queue together), the settings, the adapters, the router.
import { type ConversationChannel } from '../../../shared/messaging-channels.js';
import { type RouterContext } from '../../contact-center/context.js';
import { type Db } from '../../db/db.js';
import { type Transports } from '../transports.js';
import { type MessagingChannel } from './channel.js';
import { type ChannelSettingsStore } from './settings.js';
import { smsChannel } from './sms.js';
import { whatsappChannel } from './whatsapp.js';

export interface ChannelContext {
  db: Db;
  clock: () => Date;
  settings: ChannelSettingsStore;
  transports: Transports;
  router: RouterContext;
  /** The queue new conversations wait in. */
  queueCode: string;
}

/** The adapter of a channel with the settings in force now. */
export async function adapterFor(ctx: ChannelContext, channel: ConversationChannel): Promise<MessagingChannel> {
  const s = await ctx.settings.effective();
  return channel === 'whatsapp' ? whatsappChannel(s.whatsapp) : smsChannel(ctx.transports, s.sms.inboundSecret);
}
