// The demo reply library: ~40 approved paragraphs in Bahasa Indonesia and English for
// greetings, billing (tagihan), complaints, network, closing and the e-mail
// auto-acknowledgement. Called from the demo seed; ids are fixed so tests can name them.
import { type SaveParagraphRequest } from '../../shared/replies/messages.js';
import { type Db } from '../db/db.js';
import { createParagraph } from './library.js';

type Seed = Omit<SaveParagraphRequest, 'approve' | 'baseRevision'>;
const ALL: Seed['channels'] = ['email', 'sms', 'chat'];
const MAIL_CHAT: Seed['channels'] = ['email', 'chat'];

export const AUTO_ACK_SHORTCUT = 'auto-ack';
export const paragraphId = (n: number): string => `00000000-0000-4000-8000-0000000c${String(n).padStart(4, '0')}`;

export const DEMO_PARAGRAPHS: readonly Seed[] = [
  // greeting
  { title: 'Salam pembuka', shortcut: 'salam', category: 'greeting', channels: ALL, language: 'id', tiers: [],
    body: 'Yth. {{customer.salutation}} {{customer.name}},\n\nTerima kasih telah menghubungi kami.' },
  { title: 'Salam pembuka pelanggan prioritas', shortcut: 'salam-prioritas', category: 'greeting', channels: MAIL_CHAT, language: 'id',
    tiers: ['platinum', 'gold'], body: 'Yth. {{customer.salutation}} {{customer.name}},\n\nSebagai pelanggan {{customer.tier}}, permintaan Anda kami tangani dengan prioritas.' },
  { title: 'Greeting', shortcut: 'hello', category: 'greeting', channels: ALL, language: 'en', tiers: [],
    body: 'Dear {{customer.salutation}} {{customer.name}},\n\nThank you for contacting us.' },
  { title: 'Greeting for priority customers', shortcut: 'hello-priority', category: 'greeting', channels: MAIL_CHAT, language: 'en',
    tiers: ['platinum', 'gold'], body: 'Dear {{customer.salutation}} {{customer.name}},\n\nAs a {{customer.tier}} customer, your request is handled with priority.' },
  { title: 'Salam singkat SMS', shortcut: 'halo', category: 'greeting', channels: ['sms', 'chat'], language: 'id', tiers: [],
    body: 'Halo {{customer.salutation}} {{customer.first_name}},' },
  // billing / tagihan
  { title: 'Rincian tagihan bulan ini', shortcut: 'tagihan', category: 'billing/invoice', channels: ALL, language: 'id', tiers: [],
    body: 'Tagihan Anda untuk periode ini sebesar Rp {{?jumlah}} dengan jatuh tempo {{?jatuh_tempo}}.' },
  { title: 'Tagihan sudah kami terima', shortcut: 'tagihan-lunas', category: 'billing/payment', channels: ALL, language: 'id', tiers: [],
    body: 'Pembayaran tagihan Anda telah kami terima pada {{today}}. Terima kasih atas pembayaran tepat waktu.' },
  { title: 'Koreksi tagihan', shortcut: 'tagihan-koreksi', category: 'billing/dispute', channels: MAIL_CHAT, language: 'id', tiers: [],
    body: 'Kami telah memeriksa tagihan Anda dan menemukan selisih. Koreksi sebesar Rp {{?jumlah}} akan tampil pada tagihan berikutnya.' },
  { title: 'Cara membayar tagihan', shortcut: 'tagihan-bayar', category: 'billing/payment', channels: ALL, language: 'id', tiers: [],
    body: 'Tagihan dapat dibayar melalui transfer bank, gerai retail, atau aplikasi kami dengan nomor pelanggan {{customer.number}}.' },
  { title: 'Pengingat tagihan jatuh tempo', shortcut: 'tagihan-ingat', category: 'billing/reminder', channels: ['sms', 'email'], language: 'id', tiers: [],
    body: 'Tagihan Anda akan jatuh tempo dalam {{?hari}} hari. Mohon lakukan pembayaran agar layanan tetap aktif.' },
  { title: 'Salinan invoice tagihan', shortcut: 'tagihan-invoice', category: 'billing/invoice', channels: ['email'], language: 'id', tiers: [],
    body: 'Salinan invoice tagihan yang Anda minta kami lampirkan dalam e-mail terpisah hari ini, {{today}}.' },
  { title: 'Denda keterlambatan dihapus', shortcut: 'tagihan-denda', category: 'billing/dispute', channels: MAIL_CHAT, language: 'id', tiers: ['platinum', 'gold'],
    body: 'Sebagai bentuk apresiasi kepada pelanggan {{customer.tier}}, denda keterlambatan pada tagihan Anda telah kami hapus.' },
  { title: 'Your bill this month', shortcut: 'bill', category: 'billing/invoice', channels: ALL, language: 'en', tiers: [],
    body: 'Your bill for this period is IDR {{?amount}}, due on {{?due_date}}.' },
  { title: 'Payment received', shortcut: 'bill-paid', category: 'billing/payment', channels: ALL, language: 'en', tiers: [],
    body: 'We received your payment on {{today}}. Thank you for paying on time.' },
  { title: 'Bill correction', shortcut: 'bill-correction', category: 'billing/dispute', channels: MAIL_CHAT, language: 'en', tiers: [],
    body: 'We checked your bill and found a difference. A correction of IDR {{?amount}} will appear on your next bill.' },
  { title: 'How to pay your bill', shortcut: 'bill-pay', category: 'billing/payment', channels: ALL, language: 'en', tiers: [],
    body: 'You can pay by bank transfer, at retail outlets or in our app with customer number {{customer.number}}.' },
  // complaints / keluhan
  { title: 'Keluhan diterima', shortcut: 'keluhan', category: 'complaint', channels: ALL, language: 'id', tiers: [],
    body: 'Keluhan Anda telah kami catat dengan nomor kasus {{case.number}}. Kami akan memberi kabar paling lambat 2 x 24 jam.' },
  { title: 'Permohonan maaf', shortcut: 'maaf', category: 'complaint', channels: ALL, language: 'id', tiers: [],
    body: 'Kami mohon maaf atas ketidaknyamanan yang {{customer.salutation}} alami.' },
  { title: 'Keluhan sedang diproses', shortcut: 'keluhan-proses', category: 'complaint/follow-up', channels: ALL, language: 'id', tiers: [],
    body: 'Kasus {{case.number}} ({{case.subject}}) sedang ditangani oleh tim terkait.' },
  { title: 'Keluhan selesai', shortcut: 'keluhan-selesai', category: 'complaint/follow-up', channels: ALL, language: 'id', tiers: [],
    body: 'Kasus {{case.number}} telah kami selesaikan. Mohon hubungi kami bila masalah muncul kembali.' },
  { title: 'Complaint received', shortcut: 'complaint', category: 'complaint', channels: ALL, language: 'en', tiers: [],
    body: 'We have logged your complaint as case {{case.number}} and will update you within 48 hours.' },
  { title: 'Apology', shortcut: 'sorry', category: 'complaint', channels: ALL, language: 'en', tiers: [],
    body: 'We are sorry for the inconvenience this has caused you.' },
  { title: 'Complaint resolved', shortcut: 'complaint-done', category: 'complaint/follow-up', channels: ALL, language: 'en', tiers: [],
    body: 'Case {{case.number}} has been resolved. Please contact us again if the problem returns.' },
  // network / jaringan
  { title: 'Gangguan jaringan di area Anda', shortcut: 'gangguan', category: 'network/outage', channels: ALL, language: 'id', tiers: [],
    body: 'Saat ini terdapat gangguan jaringan di area {{?area}}. Tim teknis kami sedang melakukan perbaikan dengan perkiraan selesai {{?perkiraan}}.' },
  { title: 'Internet lambat: langkah awal', shortcut: 'internet-lambat', category: 'network/speed', channels: ALL, language: 'id', tiers: [],
    body: 'Mohon matikan modem selama 30 detik lalu nyalakan kembali. Bila koneksi masih lambat, kami akan menjadwalkan kunjungan teknisi.' },
  { title: 'Jadwal kunjungan teknisi', shortcut: 'teknisi', category: 'network/visit', channels: ALL, language: 'id', tiers: [],
    body: 'Teknisi kami akan berkunjung pada {{?tanggal}} antara pukul {{?jam}}.' },
  { title: 'Gangguan sudah pulih', shortcut: 'pulih', category: 'network/outage', channels: ALL, language: 'id', tiers: [],
    body: 'Gangguan jaringan telah pulih. Terima kasih atas kesabaran {{customer.salutation}}.' },
  { title: 'Network outage in your area', shortcut: 'outage', category: 'network/outage', channels: ALL, language: 'en', tiers: [],
    body: 'There is a network outage in {{?area}}. Our engineers are working on it and expect to finish by {{?eta}}.' },
  { title: 'Slow internet: first steps', shortcut: 'slow', category: 'network/speed', channels: ALL, language: 'en', tiers: [],
    body: 'Please switch your modem off for 30 seconds and on again. If it is still slow, we will schedule a technician visit.' },
  { title: 'Technician visit', shortcut: 'technician', category: 'network/visit', channels: ALL, language: 'en', tiers: [],
    body: 'Our technician will visit on {{?date}} between {{?time}}.' },
  // orders / pesanan
  { title: 'Status pesanan', shortcut: 'pesanan', category: 'order', channels: ALL, language: 'id', tiers: [],
    body: 'Pesanan {{order.number}} saat ini berstatus {{order.status}}.' },
  { title: 'Order status', shortcut: 'order', category: 'order', channels: ALL, language: 'en', tiers: [],
    body: 'Order {{order.number}} is currently {{order.status}}.' },
  // closing / penutup
  { title: 'Penutup', shortcut: 'penutup', category: 'closing', channels: MAIL_CHAT, language: 'id', tiers: [],
    body: 'Bila ada pertanyaan lain, silakan balas e-mail ini.\n\nSalam hangat,\n{{agent.name}}\nLayanan Pelanggan' },
  { title: 'Penutup SMS', shortcut: 'penutup-sms', category: 'closing', channels: ['sms'], language: 'id', tiers: [],
    body: 'Terima kasih. -{{agent.name}}' },
  { title: 'Penutup pelanggan prioritas', shortcut: 'penutup-prioritas', category: 'closing', channels: MAIL_CHAT, language: 'id',
    tiers: ['platinum'], body: 'Terima kasih atas kepercayaan {{customer.salutation}} sebagai pelanggan Platinum.\n\nHormat kami,\n{{agent.name}}' },
  { title: 'Closing', shortcut: 'closing', category: 'closing', channels: MAIL_CHAT, language: 'en', tiers: [],
    body: 'If you have any other questions, just reply to this e-mail.\n\nKind regards,\n{{agent.name}}\nCustomer Care' },
  { title: 'SMS closing', shortcut: 'closing-sms', category: 'closing', channels: ['sms'], language: 'en', tiers: [],
    body: 'Thank you. -{{agent.name}}' },
  // auto-acknowledgement (sent by the server once per e-mail thread)
  { title: 'Konfirmasi penerimaan e-mail', shortcut: AUTO_ACK_SHORTCUT, category: 'auto-ack', channels: ['email'], language: 'id', tiers: [],
    body: 'Yth. {{customer.salutation}} {{customer.name}},\n\nE-mail Anda telah kami terima pada {{today}}. Kami akan membalas dalam 2 jam kerja.\n\nLayanan Pelanggan' },
  { title: 'E-mail received', shortcut: AUTO_ACK_SHORTCUT, category: 'auto-ack', channels: ['email'], language: 'en', tiers: [],
    body: 'Dear {{customer.salutation}} {{customer.name}},\n\nWe received your e-mail on {{today}} and will reply within 2 working hours.\n\nCustomer Care' },
  // call scripts
  { title: 'Skrip verifikasi identitas', shortcut: 'verifikasi', category: 'call-script', channels: ['call_script'], language: 'id', tiers: [],
    body: 'Untuk keamanan, boleh saya konfirmasi nama lengkap dan tanggal lahir {{customer.salutation}}?' },
  // case status notifications (server setting caseNotifications; sent by the server when a case moves)
  { title: 'Kabar kasus: sedang ditangani', shortcut: 'case-status-progress', category: 'case-status', channels: ['sms', 'email'], language: 'id', tiers: [],
    body: 'Yth. {{customer.salutation}} {{customer.name}}, kasus {{case.number}} ({{case.subject}}) sedang kami tangani.' },
  { title: 'Case update: in progress', shortcut: 'case-status-progress', category: 'case-status', channels: ['sms', 'email'], language: 'en', tiers: [],
    body: 'Dear {{customer.salutation}} {{customer.name}}, we are working on case {{case.number}} ({{case.subject}}).' },
  { title: 'Kabar kasus: menunggu jawaban Anda', shortcut: 'case-status-waiting', category: 'case-status', channels: ['sms', 'email'], language: 'id', tiers: [],
    body: 'Yth. {{customer.salutation}} {{customer.name}}, untuk kasus {{case.number}} ({{case.subject}}) kami menunggu informasi dari Anda. Mohon balas pesan ini atau hubungi kami.' },
  { title: 'Case update: waiting for you', shortcut: 'case-status-waiting', category: 'case-status', channels: ['sms', 'email'], language: 'en', tiers: [],
    body: 'Dear {{customer.salutation}} {{customer.name}}, for case {{case.number}} ({{case.subject}}) we need information from you. Please reply or call us.' },
  { title: 'Kabar kasus: selesai', shortcut: 'case-status-resolved', category: 'case-status', channels: ['sms', 'email'], language: 'id', tiers: [],
    body: 'Yth. {{customer.salutation}} {{customer.name}}, kasus {{case.number}} ({{case.subject}}) telah selesai. Hubungi kami bila masalah muncul kembali.' },
  { title: 'Case update: resolved', shortcut: 'case-status-resolved', category: 'case-status', channels: ['sms', 'email'], language: 'en', tiers: [],
    body: 'Dear {{customer.salutation}} {{customer.name}}, case {{case.number}} ({{case.subject}}) has been resolved. Contact us if the problem returns.' },
];

/** Inserts the demo library as approved paragraphs (authored by the demo lead). */
export async function seedReplyParagraphs(db: Db, author: { id: string; displayName: string; username: string } | null): Promise<void> {
  const user = author ? { ...author, role: 'lead' as const } : null;
  for (const [i, p] of DEMO_PARAGRAPHS.entries()) {
    await createParagraph(db, { ...p, approve: true }, user, paragraphId(i + 1));
  }
}
