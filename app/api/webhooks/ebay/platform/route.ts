import { errorResponse } from "@/lib/errors";
import { receivePlatformNotification } from "@/lib/notifications";

// eBay Trading API platform notifications (FixedPriceTransaction for Seller Hub listings): lib/notifications/ebay-platform.ts.

export async function POST(req: Request): Promise<Response> {
  try {
    return Response.json({ received: await receivePlatformNotification(await req.text()) });
  } catch (err) {
    return errorResponse(err);
  }
}
