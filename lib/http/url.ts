// Percent-encoded addresses as the app reads them: never a thrown URIError (a 500) for a malformed one.

/** A decoded path segment or route parameter, or null when it is not valid percent-encoding (`%FF`, `%C3%28`, `%`). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Whether a request path is malformed percent-encoding: answered with the app's 404 page, never a 500. */
export const isMalformedPath = (pathname: string) => decodeSegment(pathname) === null;
