// Where to go after signing in: only a path of this site. The target is built with the URL parser against a
// placeholder origin, as a browser would resolve it, so `//evil`, `/\evil`, `/<TAB>/evil` (browsers drop tabs and
// newlines) and `https://evil` all resolve elsewhere and are refused; what is kept is the parser's own, percent-encoded
// path, query and fragment (never a raw character that cannot stand in a Location header).
const PLACEHOLDER = 'https://tthc-monitor.invalid';

export function safeNextPath(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2_000) return fallback;
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The result is resolved once more as a browser would: it must still stay on this site.
  return path.startsWith('/') && !path.startsWith('//') && new URL(path, PLACEHOLDER).origin === PLACEHOLDER ? path : fallback;
}
