import { describe, expect, it } from 'vitest';
import en from '../../../src/renderer/i18n/en.json';
import id from '../../../src/renderer/i18n/id.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  const enKeys = flatten(en as Tree);
  const idKeys = flatten(id as Tree);

  it('has every key in both English and Indonesian', () => {
    expect([...idKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('has no empty strings', () => {
    for (const [key, value] of [...enKeys, ...idKeys]) expect(value.trim(), key).not.toBe('');
  });

  it('uses the same interpolation variables in both languages', () => {
    for (const [key, value] of enKeys) expect(variables(idKeys.get(key) ?? ''), key).toEqual(variables(value));
  });

  // The end-to-end tests find controls by these exact names.
  it.each([
    ['auth.username', 'Username', 'Nama pengguna'],
    ['refused.title', 'Changes refused by the server', 'Perubahan ditolak server'],
    ['refused.fix', 'Fix', 'Perbaiki'],
    ['refused.discard', 'Discard', 'Buang'],
    ['sync.refused_one', '{{count}} change refused', '{{count}} perubahan ditolak'],
    ['auth.password', 'Password', 'Kata sandi'],
    ['auth.signIn', 'Sign in', 'Masuk'],
    ['auth.signOut', 'Sign out', 'Keluar'],
    ['auth.errors.BAD_CREDENTIALS', 'Wrong username or password', 'Nama pengguna atau kata sandi salah'],
    ['auth.errors.OFFLINE', 'Cannot reach the server', 'Tidak dapat terhubung ke server'],
    ['language.label', 'Language', 'Bahasa'],
    ['search.label', 'Search customers', 'Cari pelanggan'],
    ['search.results', 'Search results', 'Hasil pencarian'],
    ['search.empty', 'No customer found', 'Pelanggan tidak ditemukan'],
    ['customer.profile', 'Customer profile', 'Profil pelanggan'],
    ['tabs.history', 'History', 'Riwayat'],
    ['tabs.cases', 'Cases', 'Kasus'],
    ['tabs.orders', 'Orders', 'Pesanan'],
    ['tabs.receivables', 'Receivables', 'Piutang'],
    ['tabs.contracts', 'Contracts', 'Kontrak'],
    ['receivables.overdue', 'Overdue', 'Jatuh tempo lewat'],
    ['history.label', 'Contact history', 'Riwayat kontak'],
    ['history.filter', 'Filter by channel', 'Saring menurut saluran'],
    ['history.channels.call_in', 'Incoming call', 'Panggilan masuk'],
    ['history.channels.callback_request', 'Call-back request', 'Permintaan telepon balik'],
    ['import.nav', 'Import customers', 'Impor pelanggan'],
    ['import.file', 'CSV file', 'Berkas CSV'],
    ['import.start', 'Start import', 'Mulai impor'],
    ['import.downloadRejects', 'Download rejected rows', 'Unduh baris yang ditolak'],
    ['import.noAccess', 'You do not have access to this page', 'Anda tidak memiliki akses ke halaman ini'],
  ])('%s is "%s" / "%s"', (key, english, indonesian) => {
    expect(enKeys.get(key)).toBe(english);
    expect(idKeys.get(key)).toBe(indonesian);
  });

  it('names both languages in themselves in the language switch', () => {
    for (const keys of [enKeys, idKeys]) {
      expect(keys.get('language.id')).toBe('Bahasa Indonesia');
      expect(keys.get('language.en')).toBe('English');
    }
  });
});
