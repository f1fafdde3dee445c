export { NotificationRejected, pruneDeliveries } from "./deliveries";
export { receiveEtsyWebhook, verifyEtsyWebhook, etsyWebhookPayload } from "./etsy";
export type { NotificationOutcome } from "./receive";
