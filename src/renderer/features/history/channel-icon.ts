// A glyph per channel, shown next to (never instead of) the channel's name. Plain BMP
// symbols rather than colour emoji, which many Linux and older Windows fonts lack.
import { type Channel } from '../../../shared/domain.js';

export const CHANNEL_ICON: Record<Channel, string> = {
  call_in: '☎↓',
  call_out: '☎↑',
  email: '✉',
  sms: '✆',
  chat: '🗨',
  letter: '✎',
  web_form: '⌨',
  visit: '⌂',
  callback_request: '↺',
  case: '⚑',
  order: '▤',
  cobrowse: '⧉',
  whatsapp: '✆',
};
