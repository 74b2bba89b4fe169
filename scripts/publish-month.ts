// `npm run publish-month -- --month YYYY-MM [--show-handlers] [--if-none]`: publishes a month from the command line as
// the admin page does — computes and stores its record as a new version (SPEC §7), audited. `--if-none` publishes only
// when no month is published yet (the demo's first start publishes its last full month so).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { runOnDatabase } from '../lib/db/connect';
import { selectDatabase } from '../lib/server/db';

const { values } = parseArgs({
  options: {
    month: { type: 'string' },
    'show-handlers': { type: 'boolean', default: false },
    'if-none': { type: 'boolean', default: false },
    by: { type: 'string' },
  },
});
const by = values.by ?? `cli:${os.userInfo().username}`;
await runOnDatabase(async (url) => {
  selectDatabase(url);
  const month = values.month ?? '';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    console.error('Cách dùng: npm run publish-month -- --month YYYY-MM [--show-handlers] [--if-none]');
    return 2;
  }
  const { listPublishedMonths, publishMonth } = await import('../lib/server/queries/published');
  const { audit } = await import('../lib/server/audit');
  const shown = await listPublishedMonths();
  if (values['if-none'] && shown.length > 0) return 0;
  const { version } = await publishMonth(month, by, values['show-handlers']);
  const republished = shown.some((m) => m.month === month);
  await audit(by, republished ? 'month_republished' : 'month_published', month, {
    version,
    showHandlers: values['show-handlers'],
  });
  console.log(`Đã công bố tháng ${month} (phiên bản ${version}).`);
  return 0;
});
