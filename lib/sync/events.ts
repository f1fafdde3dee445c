import { z } from "zod";

// The events that wake the sync engine, shared by the Inngest client and the in-process driver.

export const syncRequestedData = z.object({
  connectionId: z.uuid(),
  kind: z.enum(["orders", "listings", "fulfillment", "push"]),
  trigger: z.enum(["schedule", "manual", "connected", "webhook", "admin", "stock", "rerun", "first-sync"]),
  // Throttling is per marketplace app key, shared by every tenant.
  marketplace: z.enum(["etsy", "ebay"]),
});
export const pushRequestedData = z.object({
  connectionId: z.uuid(),
  marketplace: z.enum(["etsy", "ebay"]),
  // A notification's sale: push at once when nothing is pending for the connection (leading edge), still debounced after.
  immediate: z.boolean().optional(),
});

// A verified marketplace notification named this order (lib/notifications).
export const orderNotifiedData = z.object({ connectionId: z.uuid(), marketplace: z.enum(["etsy", "ebay"]), orderId: z.string().min(1) });

export type OrderNotified = z.infer<typeof orderNotifiedData>;
export type SyncRequested = z.infer<typeof syncRequestedData>;
export type PushRequested = z.infer<typeof pushRequestedData>;

export type EngineEvent =
  | { name: "stockroom/sync.requested"; data: SyncRequested }
  | { name: "stockroom/push.requested"; data: PushRequested }
  | { name: "stockroom/order.notified"; data: OrderNotified };
