// Accessibility (issue 16), table-driven: every page of the app — each page.tsx in app/, the 404, 403 and error
// pages — opened as every role that may open it (admin, province staff, the chair of TP Kon Tum, the auditor, the
// public), with every widget streamed in and every "Xem số liệu dạng bảng" table opened, must pass axe's WCAG 2.1
// A and AA rules. A page added without a row here fails the first test. The journeys' own end states are checked by
// the page fixture (fixtures.ts).
import type pg from 'pg';
import { appFiles } from './app-files';
import { expect, expectAccessible, test } from './fixtures';

type Who = 'admin' | 'province' | 'chair' | 'auditor' | 'public';
const USERS: Record<Who, string | null> = {
  admin: 'quantri',
  province: 'vanphong',
  chair: 'lanhdao.tpkontum',
  auditor: 'kiemtra',
  public: null,
};
const SIGNED_IN: Who[] = ['admin', 'province', 'chair', 'auditor'];
const EVERYONE: Who[] = [...SIGNED_IN, 'public'];

type Sql = <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<T[]>;

interface Visit {
  /** What is shown (the test's name). */
  name: string;
  who: Who[];
  /** The address, given the database (a dossier's code, a published month). */
  url: string | ((sql: Sql) => Promise<string>);
  /** The status the page answers with (default 200). */
  status?: 403 | 404 | 500;
  /** Console errors the page is expected to cause (default: the browser's note of its status). */
  consoleErrors?: RegExp;
  /** Runs before the page opens; what it returns runs once the page has opened, whatever the outcome. */
  arrange?: (sql: Sql) => Promise<() => Promise<void>>;
}

/** A late dossier of TP Kon Tum (608) with a supplement: the dossier page with every section. */
const dossier = async (sql: Sql) => {
  const [d] = await sql<{ code: string }>(`SELECT d.code FROM dossiers d JOIN units u ON u.id = d.unit_id
    WHERE u.path LIKE (SELECT path FROM units WHERE code = '608') || '%' AND d.outcome = 3 AND d.supplement_completed_at IS NOT NULL
    ORDER BY d.id LIMIT 1`);
  return `/dossiers/${d!.code}`;
};
const published = async (sql: Sql) => {
  const [m] = await sql<{ month: string }>(
    `SELECT to_char(month, 'YYYY-MM') AS month FROM publications WHERE withdrawn_at IS NULL ORDER BY month DESC LIMIT 1`,
  );
  return `/cong-khai/${m!.month}`;
};

/** Keyed like the files in app/: `page /…` for each page.tsx, and the not-found, forbidden and error pages. */
const PAGES: Record<string, Visit[]> = {
  'page /': [{ name: 'overview', who: SIGNED_IN, url: '/' }],
  'page /rankings': [
    { name: 'league table', who: SIGNED_IN, url: '/rankings' },
    { name: 'league table of communes by one KPI', who: SIGNED_IN, url: '/rankings?cap=xa&chiso=onTime' },
  ],
  'page /units/[code]': [{ name: 'unit page', who: SIGNED_IN, url: '/units/608' }],
  'page /overdue': [{ name: 'overdue list', who: SIGNED_IN, url: '/overdue?unit=608' }],
  'page /dossiers/[code]': [{ name: 'late dossier', who: SIGNED_IN, url: dossier }],
  'page /late': [{ name: 'late units and officials', who: SIGNED_IN, url: '/late' }],
  'page /admin/audit': [{ name: 'audit log', who: ['admin'], url: '/admin/audit' }],
  'page /admin/import': [{ name: 'upload page', who: ['admin'], url: '/admin/import' }],
  'page /admin/publish': [{ name: 'publication page', who: ['admin'], url: '/admin/publish' }],
  // A national instance's pages are 404 on a province instance; tests/e2e/national.spec.ts checks them on a national one.
  'page /quoc-gia': [{ name: 'league of provinces (not here)', who: ['province'], url: '/quoc-gia', status: 404 }],
  'page /quoc-gia/[tinh]': [{ name: 'a province (not here)', who: ['province'], url: '/quoc-gia/62', status: 404 }],
  'page /quoc-gia/don-vi': [
    { name: 'national league of units (not here)', who: ['province'], url: '/quoc-gia/don-vi', status: 404 },
  ],
  // A signed-in user is sent on from the sign-in page; the public's way to every other page is this one.
  'page /login': [{ name: 'sign-in page', who: ['public'], url: '/login?next=/' }],
  'page /cong-khai': [{ name: 'published months', who: EVERYONE, url: '/cong-khai' }],
  'page /cong-khai/[month]': [{ name: 'a published month', who: EVERYONE, url: published }],
  'not-found': [
    { name: 'unknown address', who: EVERYONE, url: '/khong-co-trang-nay', status: 404 },
    { name: 'unknown dossier', who: SIGNED_IN, url: '/dossiers/KHONG-CO-HO-SO', status: 404 },
  ],
  forbidden: [
    { name: 'an admin page', who: ['province', 'chair', 'auditor'], url: '/admin/audit', status: 403 },
    { name: 'another unit', who: ['chair'], url: '/units/STP', status: 403 },
  ],
  // The page-level error (app/error.tsx): the audit page's own query fails while its table is away.
  error: [
    {
      name: 'a page whose query fails',
      who: ['admin'],
      url: '/admin/audit',
      status: 500,
      consoleErrors: /status of 500|Server Components render|Minified React error/,
      arrange: async (sql) => {
        await sql('ALTER TABLE audit_log RENAME TO audit_log_away');
        return async () => {
          await sql('ALTER TABLE audit_log_away RENAME TO audit_log');
        };
      },
    },
  ],
};

/** Every page.tsx in app/ (as `page /route`), and the app-wide not-found, forbidden and error pages. */
function appPages(): string[] {
  const out: string[] = [];
  for (const { name, route } of appFiles()) {
    if (name === 'page.tsx') out.push(`page ${route}`);
    else if (/^(not-found|forbidden|error)\.tsx$/.test(name)) out.push(name.slice(0, -4));
  }
  return out.sort();
}

test('every page of the app has a row in this table', () => {
  expect(appPages()).toEqual(Object.keys(PAGES).sort());
});

for (const who of EVERYONE) {
  test.describe(`as ${who === 'public' ? 'the public' : `${who} (${USERS[who]})`}`, () => {
    test.use({ user: USERS[who] });
    for (const [entry, visits] of Object.entries(PAGES)) {
      for (const visit of visits.filter((v) => v.who.includes(who))) {
        test.describe(() => {
          // The browser notes the page's own 4xx/5xx status; the error page also logs the server error it shows.
          if (visit.status) test.use({ expectedConsoleErrors: [visit.consoleErrors ?? new RegExp(`status of ${visit.status}`)] });
          test(`${entry}: ${visit.name}`, async ({ page, sql }) => {
            const url = typeof visit.url === 'string' ? visit.url : await visit.url(sql);
            const restore = await visit.arrange?.(sql);
            try {
              const response = await page.goto(url);
              expect(response?.status(), url).toBe(visit.status ?? 200);
              await expect(page.locator('h1').first()).toBeVisible();
            } finally {
              await restore?.();
            }
            await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
            // The charts' tables (and any other folded content) are part of the page: open them.
            await page.locator('details:not([open])').evaluateAll((all) =>
              all.forEach((d) => {
                (d as HTMLDetailsElement).open = true;
              }),
            );
            await expectAccessible(page);
          });
        });
      }
    }
  });
}
