export { NotificationRejected, pruneDeliveries } from "./deliveries";
export { receiveEtsyWebhook, verifyEtsyWebhook, etsyWebhookPayload } from "./etsy";
export { importNotifiedOrder, type NotificationOutcome } from "./receive";
export { receiveEbayOrderNotice } from "./ebay";
export { receivePlatformNotification, verifyPlatformNotification } from "./ebay-platform";
