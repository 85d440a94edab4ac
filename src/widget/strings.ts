// The widget's words, Bahasa Indonesia first (formal), English second. The page's
// data-lang attribute chooses; the customer can switch in the panel header.
export type Lang = 'id' | 'en';

export const STRINGS = {
  id: {
    launcher: 'Chat dengan kami', title: 'Layanan pelanggan', close: 'Tutup', tabs: 'Cara menghubungi kami', chat: 'Chat', callMe: 'Telepon saya',
    language: 'Bahasa', name: 'Nama', phone: 'Nomor telepon', email: 'E-mail', phoneOrEmail: 'Isi nomor telepon atau e-mail.',
    start: 'Mulai chat', preparing: 'Menyiapkan…', faq: 'Pertanyaan umum', faqSearch: 'Cari jawaban', faqEmpty: 'Tidak ada jawaban yang cocok.',
    waiting: 'Menunggu agen. Anda akan segera dilayani.', connected: 'Anda terhubung dengan {name}.', ended: 'Percakapan telah berakhir.',
    closedNow: 'Di luar jam kerja: agen akan menjawab pada jam kerja berikutnya.',
    message: 'Pesan', send: 'Kirim', attach: 'Lampirkan gambar atau PDF', endChat: 'Akhiri chat', typing: '{name} sedang mengetik…', agent: 'Agen',
    read: 'Dibaca', you: 'Anda', log: 'Percakapan', failed: 'Tidak terkirim. Periksa koneksi lalu coba lagi.', tooLarge: 'Berkas terlalu besar (maks. {kb} KB).',
    verify: 'Verifikasi nomor/e-mail saya', code: 'Kode verifikasi', checkCode: 'Periksa kode', codeSent: 'Kode telah dikirim.', codeWrong: 'Kode salah.',
    verified: 'Terverifikasi', when: 'Kapan kami menelepon?', asap: 'Secepatnya', callMeSend: 'Minta ditelepon',
    callMeDone: 'Terima kasih. Kami akan menelepon {phone} {when}. Konfirmasi dikirim lewat SMS.', at: 'pada {time}', newChat: 'Chat baru',
    system: { agent_joined: 'Agen bergabung.', transferred: 'Percakapan dialihkan ke agen lain.', customer_left: 'Anda mengakhiri percakapan.', agent_ended: 'Agen mengakhiri percakapan.', verified: 'Identitas Anda terverifikasi.' } as Record<string, string>,
    error: 'Maaf, terjadi kesalahan. Silakan coba lagi.', rateLimited: 'Terlalu banyak permintaan. Tunggu sebentar.', file: 'Berkas',
    honeypot: 'Jangan isi kolom ini',
  },
  en: {
    launcher: 'Chat with us', title: 'Customer service', close: 'Close', tabs: 'Ways to reach us', chat: 'Chat', callMe: 'Call me',
    language: 'Language', name: 'Name', phone: 'Phone number', email: 'E-mail', phoneOrEmail: 'Give a phone number or an e-mail address.',
    start: 'Start chat', preparing: 'Preparing…', faq: 'Common questions', faqSearch: 'Search answers', faqEmpty: 'No matching answers.',
    waiting: 'Waiting for an agent. You will be served shortly.', connected: 'You are chatting with {name}.', ended: 'The chat has ended.',
    closedNow: 'Outside working hours: an agent will answer in the next working hours.',
    message: 'Message', send: 'Send', attach: 'Attach an image or PDF', endChat: 'End chat', typing: '{name} is typing…', agent: 'Agent',
    read: 'Read', you: 'You', log: 'Conversation', failed: 'Not sent. Check your connection and try again.', tooLarge: 'File too large (max. {kb} KB).',
    verify: 'Verify my number/e-mail', code: 'Verification code', checkCode: 'Check code', codeSent: 'A code was sent.', codeWrong: 'Wrong code.',
    verified: 'Verified', when: 'When shall we call?', asap: 'As soon as possible', callMeSend: 'Call me',
    callMeDone: 'Thank you. We will call {phone} {when}. A confirmation is sent by SMS.', at: 'at {time}', newChat: 'New chat',
    system: { agent_joined: 'An agent joined.', transferred: 'The chat was passed to another agent.', customer_left: 'You ended the chat.', agent_ended: 'The agent ended the chat.', verified: 'Your identity is verified.' } as Record<string, string>,
    error: 'Sorry, something went wrong. Please try again.', rateLimited: 'Too many requests. Please wait a moment.', file: 'File',
    honeypot: 'Leave this field empty',
  },
};

export type Strings = (typeof STRINGS)['id'];

export function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '');
}
