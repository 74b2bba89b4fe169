// `npm run db:seed -- [--demo quang-ngai-2025|kon-tum-2024] [--dossiers N] [--seed S] [--until YYYY-MM-DD] [--reset]`:
// loads the demo province (default: TTHC_DEMO, new Quảng Ngãi across the 2025 reorganisation).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDatabase } from '../lib/db/connect';
import { endOfLocalDay } from '../lib/calendar';
import { env } from '../lib/env';
import { DEMOS, seedDemoData, type DemoName } from '../prisma/seed/load';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '300000' },
    seed: { type: 'string', default: '766' },
    until: { type: 'string' },
    reset: { type: 'boolean', default: false },
    demo: { type: 'string', default: env.TTHC_DEMO },
  },
});
const args = z
  .object({
    dossiers: z.coerce.number().int().min(0).max(50_000_000),
    seed: z.coerce.number().int(),
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '--until takes YYYY-MM-DD')
      .optional(),
    reset: z.boolean(),
    demo: z.enum(DEMOS as [DemoName, ...DemoName[]], { error: `--demo is one of: ${DEMOS.join(', ')}` }),
  })
  .safeParse(values);
if (!args.success) {
  console.error(args.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  process.exit(2);
}
const { dossiers, seed, until, reset, demo } = args.data;

const db = await openDatabase();
try {
  console.log(`Seeding ${dossiers.toLocaleString('en')} dossiers (seed ${seed})…`);
  const result = await seedDemoData(db.url, {
    demo,
    dossiers,
    seed,
    reset,
    until: until ? endOfLocalDay(until) : new Date(),
    log: console.log,
  });
  console.log(
    `Seeded ${result.dossiers.toLocaleString('en')} dossiers in ${result.seconds.toFixed(1)} s ` +
      `(${Math.round(result.dossiers / result.seconds).toLocaleString('en')}/s).`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
