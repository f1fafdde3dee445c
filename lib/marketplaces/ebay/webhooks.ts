import { deleteEbayUserData, ebayChallengeResponse, ebayNoticeTopic, parseDeletionNotice, SignatureRejected, verifyEbaySignature } from "@/lib/connections/ebay-account-deletion";
import { errorResponse } from "@/lib/errors";
import type { NotificationOutcome } from "@/lib/notifications/receive";
import type { WebhookEndpoints } from "../descriptor";
import { ebayOrderNotice } from "./order-notice";
import { platformNotices } from "./platform-notice";

export const ebayWebhooks: WebhookEndpoints = {
  // /api/webhooks/ebay, the Notification API endpoint: Marketplace Account Deletion
  // (developer.ebay.com/marketplace-account-deletion) and ORDER_CONFIRMATION (./order-notice.ts),
  // both signed in X-EBAY-SIGNATURE.
  "": {
    GET: async (req) => {
      const challengeCode = new URL(req.url).searchParams.get("challenge_code");
      if (!challengeCode) return Response.json({ error: { code: "invalid", message: "challenge_code is required." } }, { status: 400 });
      return Response.json({ challengeResponse: ebayChallengeResponse(challengeCode) });
    },
    POST: async (req, { receive, afterResponse }) => {
      const raw = await req.text();
      try {
        const body = await verifyEbaySignature(raw, req.headers.get("x-ebay-signature"));
        if (ebayNoticeTopic(body) === "ORDER_CONFIRMATION") return Response.json(await receive(ebayOrderNotice(body)));
        const notice = parseDeletionNotice(body);
        // eBay wants a fast acknowledgement; the deletion runs after the response is sent.
        afterResponse(() => deleteEbayUserData(notice));
        return new Response(null, { status: 204 });
      } catch (err) {
        if (err instanceof SignatureRejected) return Response.json({ error: { code: err.code, message: err.message } }, { status: 412 });
        return errorResponse(err);
      }
    },
  },
  // /api/webhooks/ebay/platform: Trading API platform notifications (FixedPriceTransaction for
  // Seller Hub listings, ./platform-notice.ts), one order queued per transaction, in order.
  platform: {
    POST: async (req, { receive }) => {
      try {
        const received: NotificationOutcome[] = [];
        for (const notice of platformNotices(await req.text())) received.push(await receive(notice));
        return Response.json({ received });
      } catch (err) {
        return errorResponse(err);
      }
    },
  },
};
