/** fetch for our own JSON route handlers: throws the server's message on failure. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: {
      accept: "application/json",
      ...(init?.json !== undefined ? { "content-type": "application/json" } : {}),
      ...init?.headers,
    },
    body: init?.json !== undefined ? JSON.stringify(init.json) : init?.body,
  });
  const body: unknown = res.headers.get("content-type")?.includes("json") ? await res.json() : null;
  if (!res.ok) {
    const message =
      typeof body === "object" && body && "error" in body && typeof body.error === "object" && body.error && "message" in body.error
        ? String(body.error.message)
        : `Request failed (${res.status}). Try again.`;
    throw new ApiError(message, res.status, body);
  }
  return body as T;
}
