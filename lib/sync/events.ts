import { z } from "zod";
import { MARKETPLACES, SYNC_REQUEST_KINDS, SYNC_TRIGGERS } from "@/db/schema";

// The events that wake the sync engine, shared by the Inngest client and the in-process driver.

export const syncRequestedData = z.object({
  connectionId: z.uuid(),
  kind: z.enum(SYNC_REQUEST_KINDS),
  trigger: z.enum(SYNC_TRIGGERS),
  // Throttling is per marketplace app key, shared by every tenant.
  marketplace: z.enum(MARKETPLACES),
  // A listings read of only these items (externalOfferIds), which a notification named.
  items: z.array(z.string().min(1)).max(50).optional(),
});
export const pushRequestedData = z.object({
  connectionId: z.uuid(),
  marketplace: z.enum(MARKETPLACES),
  // A notification's sale: push at once when nothing is pending for the connection (leading edge), still debounced after.
  immediate: z.boolean().optional(),
});

// A verified marketplace notification named this order (lib/notifications).
export const orderNotifiedData = z.object({ connectionId: z.uuid(), marketplace: z.enum(MARKETPLACES), orderId: z.string().min(1) });

export type OrderNotified = z.infer<typeof orderNotifiedData>;
export type SyncRequested = z.infer<typeof syncRequestedData>;
export type PushRequested = z.infer<typeof pushRequestedData>;

export type EngineEvent =
  | { name: "stockroom/sync.requested"; data: SyncRequested }
  | { name: "stockroom/push.requested"; data: PushRequested }
  | { name: "stockroom/order.notified"; data: OrderNotified };
