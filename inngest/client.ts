import { eventType, Inngest } from "inngest";
import { orderNotifiedData, pushRequestedData, syncRequestedData } from "@/lib/sync/events";

export const inngest = new Inngest({ id: "stockroom" });

// Typed events: the schemas validate what is sent and type what functions receive.
export const syncRequested = eventType("stockroom/sync.requested", { schema: syncRequestedData });
export const pushRequested = eventType("stockroom/push.requested", { schema: pushRequestedData });
export const orderNotified = eventType("stockroom/order.notified", { schema: orderNotifiedData });
