// The dossier page: the verdict is the database's own (the generated outcome column, SPEC §2), the rule shown is the
// one that decided, the working days are the calendar's; a chair reaches it from the own unit page and no further.
import { expect, snapshot, test } from './fixtures';

const OUTCOME: Record<number, string> = { 1: 'Giải quyết trước hạn', 2: 'Giải quyết đúng hạn', 3: 'Giải quyết trễ hạn' };
const viDateTime = (d: Date) => {
  const local = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
};

interface Row {
  code: string;
  outcome: number | null;
  received_at: Date;
  deadline_at: Date;
  allowed: number;
  supplement_count: number;
  apology_at: Date | null;
}
const PICK = `
  SELECT d.code, d.outcome, d.received_at, d.deadline_at, d.supplement_count, d.apology_at,
         tthc_work_days_between(tthc_local_day(d.received_at), tthc_local_day(d.deadline_at)) AS allowed
  FROM dossiers d WHERE `;

test.describe('provincial officer', () => {
  test.use({ user: 'vanphong' });

  for (const [name, where] of [
    ['early', 'd.outcome = 1'],
    ['on time', 'd.outcome = 2'],
    ['late after the due', 'd.outcome = 3 AND d.supplement_count <= 1'],
    ['late by two supplements', 'd.outcome = 3 AND d.supplement_count > 1'],
    ['a supplement pause moved the due', 'd.outcome IN (1, 2) AND d.supplement_completed_at IS NOT NULL'],
  ] as const) {
    test(`a dossier ${name}: verdict, rule and working days as the database has them`, async ({ page, sql }) => {
      const [d] = await sql<Row>(`${PICK} ${where} ORDER BY d.id LIMIT 1`);
      test.skip(!d, `the demo data has no dossier ${name}`);
      await page.goto(`/dossiers/${d!.code}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hồ sơ ${d!.code}`);
      await expect(page.getByRole('status')).toContainText(OUTCOME[d!.outcome!]!);
      const timeline = page.getByRole('region', { name: 'Diễn biến' });
      await expect(timeline).toContainText(`${viDateTime(d!.received_at)}Tiếp nhận`);
      await expect(timeline).toContainText(viDateTime(d!.deadline_at));
      const facts = page.getByRole('region', { name: 'Thông tin hồ sơ' });
      await expect(
        facts.locator('dt', { hasText: 'Ngày làm việc được phép' }).locator('xpath=following-sibling::dd[1]'),
      ).toHaveText(String(d!.allowed));
      const rule = page.locator('.verdict-rule');
      if (name === 'late by two supplements') await expect(rule).toContainText(`bổ sung ${d!.supplement_count} lần`);
      else if (d!.outcome === 3) await expect(rule).toContainText('sau hạn D');
      else if (d!.outcome === 1) await expect(rule).toContainText('trước ngày hẹn trả');
      else await expect(rule).toContainText('đúng ngày hẹn trả');
      if (name === 'a supplement pause moved the due') {
        await expect(timeline).toContainText('Hạn sau khi cộng thời gian bổ sung');
        await expect(page.getByRole('region', { name: /Vì sao/ })).toContainText('không tính vào thời gian giải quyết');
      }
      if (d!.outcome === 3) {
        await expect(facts).toContainText(d!.apology_at ? `Đã gửi ngày ${viDateTime(d!.apology_at)}` : 'Chưa gửi');
      }
      await snapshot(page, `dossier-${name.replace(/ /g, '-')}`);
    });
  }

  test('an unfinished dossier past its due is pending late, judged now', async ({ page, sql }) => {
    const [d] = await sql<Row>(`${PICK} d.ended_at IS NULL AND d.late_after < now() ORDER BY d.id LIMIT 1`);
    await page.goto(`/dossiers/${d!.code}`);
    await expect(page.getByRole('status')).toContainText('Đang giải quyết, đã quá hạn');
    await expect(page.getByRole('region', { name: 'Diễn biến' })).toContainText('Hiện tại (chưa kết thúc xử lý)');
    await expect(page.locator('.verdict-rule')).toContainText('đang quá hạn');
  });
});

test.describe('unknown code', () => {
  test.use({ user: 'vanphong', expectedConsoleErrors: [/404/] });

  test('an unknown code is a “not found” page', async ({ page }) => {
    const response = await page.goto('/dossiers/KHONG-CO-HO-SO');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  });
});

test.describe('district chair', () => {
  test.use({ user: 'lanhdao.tpkontum', expectedConsoleErrors: [/404/] });

  test('opens a late dossier from the own unit page; a department’s dossier is answered as one that does not exist', async ({
    page,
    sql,
  }) => {
    await page.goto('/units/608');
    const link = page
      .getByRole('region', { name: /Hồ sơ trễ hạn/ })
      .locator('tbody th a')
      .first();
    const code = await link.innerText();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/dossiers/${code}$`));
    await expect(page.getByRole('status')).toContainText(/trễ hạn|quá hạn/);

    const [other] = await sql<{ code: string }>(
      `SELECT d.code FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE u.code = 'STP' LIMIT 1`,
    );
    // 404, exactly as for a code that does not exist: nothing tells a chair that another unit has this code.
    const response = await page.goto(`/dossiers/${other!.code}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
    const unknown = await page.goto('/dossiers/KHONG-CO-HO-SO-NAY');
    expect(unknown?.status()).toBe(404);
  });
});
