// The errors the read model and the gate throw, in one place: route handlers answer them in the API's error shape
// (lib/server/api.ts), pages as a 404 page, a "không có quyền" page, the sign-in page or a message.
import 'server-only';

/** A lookup that failed: the caller turns it into a 404 (API) or a message (page). */
export class NotFoundError extends Error {
  constructor(
    readonly code:
      | 'unit_not_found'
      | 'field_not_found'
      | 'procedure_not_found'
      | 'month_not_published'
      | 'version_not_published'
      | 'import_not_found'
      | 'not_on_this_instance',
    message: string,
  ) {
    super(message);
  }
}

/** A refusal of the gate: 401 (nobody, or credentials that are not valid) or 403 (not this right, not this unit). */
export class AccessError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: 'unauthenticated' | 'forbidden',
    message: string,
  ) {
    super(message);
  }
}

/** Too many requests of one kind (sign-in failures, exports): answered 429 with Retry-After. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Quá nhiều yêu cầu, vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`);
  }
}

/**
 * An input that cannot be imported at all (unreadable, empty, wrong columns): nothing was written. Answered 400 with
 * `code` (`invalid_json` for a body that is not the JSON payload).
 */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly code: 'invalid_file' | 'invalid_json' = 'invalid_file',
  ) {
    super(message);
  }
}
