/**
 * The reason a query (or an API call) failed, one line: drizzle wraps the driver's error with the query
 * text and its parameters, which must never reach a log or an operator's screen.
 */
export function errorReason(err: unknown, maxLength = 300): string {
  const e = err as { cause?: { message?: string }; message?: string };
  return (e.cause?.message ?? e.message ?? String(err)).split('\n')[0].slice(0, maxLength);
}

export class DatabaseUnreachableError extends Error {
  constructor(variable: string, url: string, err: unknown) {
    let where = 'the server it names';
    try {
      where = new URL(url).host;
    } catch {
      // A URL that does not parse is reported without its host; the reason says what is wrong.
    }
    super(`${variable}: cannot reach PostgreSQL at ${where} (${errorReason(err)})`);
    this.name = 'DatabaseUnreachableError';
  }
}

/** A unique constraint refused the write (PostgreSQL's 23505), whether drizzle wrapped the driver's error or not. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  return e.code === '23505' || e.cause?.code === '23505';
}
