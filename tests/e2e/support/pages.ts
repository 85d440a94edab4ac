// Page objects: every control is found by role and accessible name, as a user finds it.
import { expect, type Page } from '@playwright/test';

export const DEMO = {
  agent: { username: 'agent1', password: 'agent1-pass' },
  admin: { username: 'admin1', password: 'admin1-pass' },
  customer: { name: 'Budi Santoso', e164: '+6281234567890' },
};

export class LoginPage {
  constructor(private readonly page: Page) {}

  async signIn(username: string, password: string, lang: 'en' | 'id' = 'en'): Promise<void> {
    const t = lang === 'en'
      ? { user: 'Username', pass: 'Password', button: 'Sign in' }
      : { user: 'Nama pengguna', pass: 'Kata sandi', button: 'Masuk' };
    await this.page.getByLabel(t.user, { exact: true }).fill(username);
    await this.page.getByLabel(t.pass, { exact: true }).fill(password);
    await this.page.getByRole('button', { name: t.button, exact: true }).click();
  }
}

export class SingleScreen {
  constructor(private readonly page: Page) {}

  search() {
    return this.page.getByRole('searchbox', { name: /Search customers|Cari pelanggan/ })
      .or(this.page.getByRole('combobox', { name: /Search customers|Cari pelanggan/ }));
  }

  results() {
    return this.page.getByRole('listbox', { name: /Search results|Hasil pencarian/ });
  }

  async openCustomer(query: string, name: string): Promise<void> {
    await this.search().fill(query);
    const option = this.results().getByRole('option', { name: new RegExp(name) });
    await expect(option).toBeVisible();
    await option.click();
    await expect(this.profile().getByRole('heading', { name: new RegExp(name) })).toBeVisible();
  }

  profile() {
    return this.page.getByRole('region', { name: /Customer profile|Profil pelanggan/ });
  }

  history() {
    return this.page.getByRole('feed', { name: /Contact history|Riwayat kontak/ })
      .or(this.page.getByRole('list', { name: /Contact history|Riwayat kontak/ }));
  }

  entries() {
    return this.history().getByRole('article');
  }
}

/** The frame around every screen: the role-grouped navigation, the header, the help dialog. */
export class Shell {
  constructor(private readonly page: Page) {}

  nav() {
    return this.page.getByRole('navigation', { name: /Main navigation|Navigasi utama/ });
  }

  /** Follows a navigation link by its visible name. */
  async go(name: string | RegExp): Promise<void> {
    await this.nav().getByRole('link', { name, exact: typeof name === 'string' }).click();
  }
}
