// A customer with a long history (the suite's busiest customer, given 250 more SMS in the
// server database): the timeline stays virtualised (only what is near the view is in the
// page) and scrolling to the end loads every older page down to the first contact.
import pg from 'pg';
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';

interface Busiest { customer_no: string; full_name: string; n: number; oldest_subject: string }

async function busiestCustomer(): Promise<Busiest> {
  const db = new pg.Client({ connectionString: process.env.SAPA_E2E_DATABASE_URL });
  await db.connect();
  try {
    // Newer than everything seeded, so the seeded oldest contact stays the oldest.
    await db.query(`
      INSERT INTO interactions (id, customer_id, channel, direction, started_at, subject, body)
      SELECT gen_random_uuid(), c.id, 'sms', 'outbound', now() - make_interval(mins => g), 'Pengingat ' || g, 'Isi pesan ' || g
      FROM (SELECT customer_id AS id FROM interactions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) c,
           generate_series(1, 250) g
      WHERE NOT EXISTS (SELECT 1 FROM interactions WHERE subject = 'Pengingat 250')`);
    const res = await db.query<Busiest>(`
      SELECT c.customer_no, c.full_name, count(*)::int AS n,
             (SELECT subject FROM interactions o WHERE o.customer_id = c.id ORDER BY started_at, id LIMIT 1) AS oldest_subject
      FROM interactions i JOIN customers c ON c.id = i.customer_id
      GROUP BY c.id ORDER BY n DESC LIMIT 1`);
    return res.rows[0]!;
  } finally {
    await db.end();
  }
}

test('scrolling a long history loads older pages down to the first contact', async ({ page, desktop }) => {
  const busiest = await busiestCustomer();
  expect(busiest.n).toBeGreaterThan(250); // several pages of history
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  const screen = new SingleScreen(page);
  await screen.openCustomer(busiest.customer_no, busiest.full_name);
  await expect(page.getByText(`${busiest.n} contacts in total`)).toBeVisible();

  const rendered = await screen.entries().count();
  expect(rendered).toBeLessThan(busiest.n); // virtualised: not every entry is in the page

  const oldest = screen.entries().filter({ hasText: busiest.oldest_subject }).last();
  for (let i = 0; i < 40 && !(await oldest.isVisible()); i++) {
    await screen.history().evaluate((el) => {
      const scroller = el.closest('[data-scroll-container]') ?? el.parentElement ?? el;
      scroller.scrollTop = scroller.scrollHeight;
      el.scrollTop = el.scrollHeight;
    });
    await page.mouse.wheel(0, 5000);
    await page.waitForTimeout(150);
  }
  await expect(oldest).toBeVisible();
});
