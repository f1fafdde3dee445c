import { z } from "zod";
import { resetSandbox } from "../context";
import { faultKinds, seededRandom } from "../faults";
import { json, noContent, type Handler } from "../http";
import { expireAccessTokens } from "../oauth/tokens";
import { nowMs } from "../state";
import { controlError, parseBody } from "./common";

export const resetRoute: Handler = (req) => {
  resetSandbox(req.sandbox);
  return noContent();
};

export const statsRoute: Handler = (req) => json(200, req.sandbox.stats);

const faultInput = z.object({
  marketplace: z.enum(["etsy", "ebay", "shopify"]),
  kind: z.enum(faultKinds),
  count: z.number().int().min(1).optional(),
  probability: z.number().min(0).max(1).optional(),
  path: z.string().optional(),
  /** webhook_delay: milliseconds each delivery is held (default 3000). */
  delay_ms: z.number().int().min(0).max(3_600_000).optional(),
  /** Seeds the draws of `probability` so a run can be repeated. */
  seed: z.number().int().optional(),
});

export const addFaultRoute: Handler = (req) => {
  const body = parseBody(faultInput, req);
  if (!body.ok) return body.res;
  const { marketplace, kind, count, probability, path, delay_ms: delayMs, seed } = body.value;
  let pattern: RegExp | null = null;
  if (path !== undefined) {
    try {
      pattern = new RegExp(path);
    } catch (e) {
      return controlError(400, `path: not a valid regular expression (${(e as Error).message})`);
    }
  }
  // expire_tokens is an event, not a standing fault: it happens once, now.
  if (kind === "expire_tokens") expireAccessTokens(req.sandbox, marketplace);
  else
    req.sandbox.faults.add({
      marketplace,
      kind,
      remaining: count ?? null,
      probability: probability ?? 1,
      path: pattern,
      ...(delayMs !== undefined ? { delayMs } : {}),
      ...(seed !== undefined ? { random: seededRandom(seed) } : {}),
    });
  return json(201, { marketplace, kind, count: count ?? null, probability: probability ?? 1, path: path ?? null });
};

export const clearFaultsRoute: Handler = (req) => {
  req.sandbox.faults.clear();
  return noContent();
};

/** Moves the sandbox clock forward (token expiry, rate-limit windows, date filters). */
export const clockRoute: Handler = (req) => {
  const body = parseBody(z.object({ advance_seconds: z.number().min(0) }), req);
  if (!body.ok) return body.res;
  req.sandbox.state.clockOffsetMs += body.value.advance_seconds * 1000;
  req.sandbox.changed();
  return json(200, { now: new Date(nowMs(req.sandbox.state)).toISOString() });
};

/** GET /_control/webhooks/deliveries: every notification sent (or dropped), when, and what the app answered. */
export const deliveriesRoute: Handler = (req) => {
  const marketplace = req.query.get("marketplace");
  return json(200, { deliveries: req.sandbox.webhooks.deliveries.filter((d) => !marketplace || d.marketplace === marketplace) });
};
