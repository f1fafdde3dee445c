import { z } from "zod";
import { json, parseJson, type Req, type Res } from "../http";

// Control routes answer 400 with a message for a malformed body and 404 for unknown ids.

export const controlError = (status: number, message: string): Res => json(status, { error: message });

export function parseBody<S extends z.ZodType>(schema: S, req: Req): { ok: true; value: z.infer<S> } | { ok: false; res: Res } {
  const raw = req.body.trim() === "" ? { ok: true as const, value: {} } : parseJson(req.body);
  if (!raw.ok) return { ok: false, res: controlError(400, raw.message) };
  const parsed = schema.safeParse(raw.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, res: controlError(400, `${issue.path.join(".") || "body"}: ${issue.message}`) };
  }
  return { ok: true, value: parsed.data };
}

/** A numeric id from the path, or a 404 when it cannot be one. */
export function idParam(req: Req, name: string): number | null {
  const v = req.params[name];
  return /^\d+$/.test(v ?? "") ? Number(v) : null;
}

export const quantity = z.number().int().min(0).max(999_999);
