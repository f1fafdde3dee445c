import { errorResponse } from "@/lib/errors";
import { receiveEtsyWebhook } from "@/lib/notifications";

// Etsy order webhooks (order.paid, order.canceled, ...): lib/notifications/etsy.ts.
// Answered after the order is imported, so a failure is a non-2xx and Etsy retries it.

export async function POST(req: Request): Promise<Response> {
  try {
    return Response.json(await receiveEtsyWebhook(await req.text(), req.headers));
  } catch (err) {
    return errorResponse(err);
  }
}
