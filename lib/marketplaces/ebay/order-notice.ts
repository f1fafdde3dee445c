import { z } from "zod";
import { NotificationRejected } from "@/lib/notifications/deliveries";
import type { Notice } from "@/lib/notifications/receive";

// eBay Notification API ORDER_CONFIRMATION (developer.ebay.com/api-docs/master/commerce/notification/
// asyncapi/order_confirmation.yaml): one notification per line item when a buyer completes checkout,
// signed in X-EBAY-SIGNATURE like the account-deletion notices (verified by the caller). eBay's advice
// is the one followed here: look the order up by the notification's orderId and read it whole.
// The seller is named by its user id or username (whichever the payload carries), the keys
// marketplace_connections.external_id has held.

const orderConfirmation = z.object({
  metadata: z.object({ topic: z.literal("ORDER_CONFIRMATION") }),
  notification: z.object({
    notificationId: z.string().min(1),
    data: z.looseObject({
      orderId: z.string().min(1),
      sellerId: z.string().optional(),
      userId: z.string().optional(),
      username: z.string().optional(),
      sellerUsername: z.string().optional(),
    }),
  }),
});

/** A verified ORDER_CONFIRMATION as the notification pipeline's notice (NotificationRejected for a malformed one). */
export function ebayOrderNotice(body: unknown): Notice {
  const parsed = orderConfirmation.safeParse(body);
  if (!parsed.success) throw new NotificationRejected(400, "malformed", "Not an ORDER_CONFIRMATION notification (notificationId and data.orderId are required).");
  const { notificationId, data } = parsed.data.notification;
  return {
    source: "ebay",
    deliveryId: notificationId,
    topic: "ORDER_CONFIRMATION",
    marketplace: "ebay",
    account: [data.userId, data.sellerId, data.username, data.sellerUsername].filter((a): a is string => Boolean(a)),
    orderId: data.orderId,
  };
}
