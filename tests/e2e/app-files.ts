// The files of app/ with the route each one serves: what the authorisation and accessibility tests enumerate, so that
// a new page, route or action without a row in their tables fails them.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface AppFile {
  /** File name (page.tsx, route.ts, error.tsx, …). */
  name: string;
  /** Path from the project root. */
  rel: string;
  /** The URL it serves: the folders under app/, route groups `(…)` left out ('/' for the root). */
  route: string;
  source: string;
}

export function appFiles(): AppFile[] {
  const out: AppFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const segments = path.relative(path.join(ROOT, 'app'), dir).split(path.sep);
      out.push({
        name: entry.name,
        rel: path.relative(ROOT, full),
        route: '/' + segments.filter((s) => s && !/^\(.*\)$/.test(s)).join('/'),
        source: fs.readFileSync(full, 'utf8'),
      });
    }
  };
  walk(path.join(ROOT, 'app'));
  return out;
}
