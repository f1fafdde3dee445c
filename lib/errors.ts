import { z } from "zod";

// Typed errors shared by every layer. Messages are shown to people: say what to do next.
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * For a failed marketplace write: whether the marketplace may have applied it anyway
   * (a try went unanswered: timed out or cut off). An answered refusal was not applied.
   */
  mayHaveApplied = false;
}
export class NotFound extends AppError {
  constructor(message = "Not found.") {
    super(message, 404, "not_found");
  }
}
export class Forbidden extends AppError {
  constructor(message = "You do not have permission to do that.") {
    super(message, 403, "forbidden");
  }
}
export class Unauthorized extends AppError {
  constructor(message = "Please sign in.") {
    super(message, 401, "unauthorized");
  }
}
export class Invalid extends AppError {
  constructor(message: string, fields?: Record<string, string>) {
    super(message, 400, "invalid", fields);
  }
}
export class Conflict extends AppError {
  constructor(message: string, fields?: Record<string, string>) {
    super(message, 409, "conflict", fields);
  }
}
export class RateLimited extends AppError {
  constructor(
    message = "Too many requests. Try again shortly.",
    readonly retryAfterMs?: number,
  ) {
    super(message, 429, "rate_limited");
  }
}
/** A state-changing route handler was sent something other than JSON (a cross-site form post, say). */
export class UnsupportedMediaType extends AppError {
  constructor(message = "Send the request body as JSON (Content-Type: application/json).") {
    super(message, 415, "unsupported_media_type");
  }
}
/** A marketplace kept failing (5xx, timeouts, network) after our retries. */
export class Unavailable extends AppError {
  constructor(message = "The marketplace is not answering right now. We will try again shortly.") {
    super(message, 503, "unavailable");
  }
}
/** The marketplace refused our token and refreshing it did not help: the seller must reconnect. */
export class AuthExpired extends AppError {
  constructor(message = "The marketplace no longer accepts this connection. Reconnect the shop.") {
    super(message, 401, "auth_expired");
  }
}

/** A zod failure as Invalid: the first problem as the message, one message per top-level field. */
export function invalidFromZod(error: z.ZodError): Invalid {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    // The top-level field: a bad element of a list (alertRecipients.2) belongs to the list's input.
    const key = issue.path.length ? String(issue.path[0]) : "form";
    fields[key] ??= issue.message;
  }
  const first = error.issues[0];
  return new Invalid(first ? first.message : "Check the highlighted fields.", fields);
}

/**
 * The one mapper from errors to HTTP answers, used by every route gate: typed errors keep
 * their status, any validation error (even a bare schema.parse in a new route) is a 400 naming
 * the field and the reason, and only the unexpected is a 500.
 */
export function errorResponse(err: unknown): Response {
  if (err instanceof z.ZodError) err = invalidFromZod(err);
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err instanceof RateLimited && err.retryAfterMs) headers["retry-after"] = String(Math.ceil(err.retryAfterMs / 1000));
    return Response.json({ error: { code: err.code, message: err.message, fields: err.fields } }, { status: err.status, headers });
  }
  console.error(err);
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side. Try again." } }, { status: 500 });
}

/** A PostgreSQL unique violation (23505), from postgres-js or PGlite, possibly wrapped by Drizzle. */
export function isUniqueViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
