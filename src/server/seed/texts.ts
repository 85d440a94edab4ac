// Plausible Indonesian call-center texts per channel, and reference lists for demo data.
import { type Channel } from '../../shared/domain.js';

export const SUBJECTS: Record<Exclude<Channel, 'case' | 'order' | 'cobrowse' | 'whatsapp'>, readonly string[]> = {
  call_in: ['Tanya tagihan bulan ini', 'Internet lambat sejak kemarin', 'Ganti paket langganan', 'Lapor gangguan jaringan', 'Konfirmasi pembayaran'],
  call_out: ['Konfirmasi jadwal teknisi', 'Penawaran paket baru', 'Tindak lanjut keluhan', 'Pengingat jatuh tempo'],
  email: ['Permintaan salinan invoice', 'Keluhan layanan', 'Perubahan alamat penagihan', 'Pertanyaan promo'],
  sms: ['Kode verifikasi', 'Pengingat pembayaran', 'Info gangguan selesai'],
  chat: ['Cara aktivasi kuota', 'Status pesanan', 'Reset kata sandi aplikasi', 'Tanya promo akhir bulan'],
  letter: ['Surat keberatan tagihan', 'Pemberitahuan pemutusan kontrak'],
  web_form: ['Formulir keluhan', 'Permintaan pasang baru', 'Pengajuan restitusi'],
  visit: ['Kunjungan ke gerai', 'Penggantian kartu SIM', 'Pengambilan perangkat'],
  callback_request: ['Minta ditelepon kembali', 'Mohon hubungi sore hari'],
};

export const BODIES: readonly string[] = [
  'Pelanggan menanyakan rincian tagihan dan sudah dijelaskan.',
  'Keluhan dicatat, tiket diteruskan ke tim teknis.',
  'Pelanggan puas dengan penjelasan agen.',
  'Perlu tindak lanjut dalam 2x24 jam.',
  'Pelanggan meminta informasi paket terbaru; brosur dikirim lewat e-mail.',
  'Masalah selesai pada kontak pertama.',
];

export const DISPOSITIONS: readonly string[] = ['resolved', 'follow_up', 'escalated', 'no_answer', 'info_given'];

export const CITIES: readonly { city: string; areaCode: string; branch: string; weight: number }[] = [
  { city: 'Jakarta', areaCode: '21', branch: 'Jakarta Pusat', weight: 30 },
  { city: 'Surabaya', areaCode: '31', branch: 'Surabaya', weight: 12 },
  { city: 'Bandung', areaCode: '22', branch: 'Bandung', weight: 10 },
  { city: 'Medan', areaCode: '61', branch: 'Medan', weight: 9 },
  { city: 'Semarang', areaCode: '24', branch: 'Semarang', weight: 7 },
  { city: 'Makassar', areaCode: '411', branch: 'Makassar', weight: 6 },
  { city: 'Palembang', areaCode: '711', branch: 'Palembang', weight: 5 },
  { city: 'Yogyakarta', areaCode: '274', branch: 'Yogyakarta', weight: 5 },
  { city: 'Denpasar', areaCode: '361', branch: 'Denpasar', weight: 5 },
  { city: 'Balikpapan', areaCode: '542', branch: 'Balikpapan', weight: 4 },
  { city: 'Manado', areaCode: '431', branch: 'Manado', weight: 3 },
  { city: 'Pontianak', areaCode: '561', branch: 'Pontianak', weight: 4 },
];

export const PRODUCTS: readonly { name: string; priceIdr: number }[] = [
  { name: 'Paket Internet Rumah 50 Mbps', priceIdr: 375_000 },
  { name: 'Paket Internet Rumah 100 Mbps', priceIdr: 525_000 },
  { name: 'Kartu Pascabayar Halo 100 GB', priceIdr: 250_000 },
  { name: 'Modem Wi-Fi 6', priceIdr: 1_250_000 },
  { name: 'TV Kabel Keluarga', priceIdr: 199_000 },
  { name: 'Paket Bisnis 200 Mbps', priceIdr: 1_800_000 },
];

export const CASE_CATEGORIES: readonly string[] = ['complaint', 'billing', 'technical', 'request', 'complaint'];
