// GET /api/v1/published — the months the public sees (SPEC §7), newest first, each with its version shown and when it
// was first and last published. No sign-in needed.
import { z } from 'zod';
import { apiGet } from '@/lib/server/api';
import { listPublishedMonths } from '@/lib/server/queries/published';

export const GET = apiGet(z.object({}), { action: 'published' }, async () => ({ months: await listPublishedMonths() }));
