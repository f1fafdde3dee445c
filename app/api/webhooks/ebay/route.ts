import { after } from "next/server";
import { deleteEbayUserData, ebayChallengeResponse, ebayNoticeTopic, parseDeletionNotice, SignatureRejected, verifyEbaySignature } from "@/lib/connections";
import { errorResponse } from "@/lib/errors";
import { receiveEbayOrderNotice } from "@/lib/notifications";

// eBay Notification API endpoint: Marketplace Account Deletion (developer.ebay.com/marketplace-account-deletion)
// and ORDER_CONFIRMATION (lib/notifications/ebay.ts), both signed in X-EBAY-SIGNATURE.

export async function GET(req: Request): Promise<Response> {
  const challengeCode = new URL(req.url).searchParams.get("challenge_code");
  if (!challengeCode) return Response.json({ error: { code: "invalid", message: "challenge_code is required." } }, { status: 400 });
  return Response.json({ challengeResponse: ebayChallengeResponse(challengeCode) });
}

export async function POST(req: Request): Promise<Response> {
  const raw = await req.text();
  try {
    const body = await verifyEbaySignature(raw, req.headers.get("x-ebay-signature"));
    if (ebayNoticeTopic(body) === "ORDER_CONFIRMATION") return Response.json(await receiveEbayOrderNotice(body));
    const notice = parseDeletionNotice(body);
    // eBay wants a fast acknowledgement; the deletion runs after the response is sent.
    after(() => deleteEbayUserData(notice));
    return new Response(null, { status: 204 });
  } catch (err) {
    if (err instanceof SignatureRejected) return Response.json({ error: { code: err.code, message: err.message } }, { status: 412 });
    return errorResponse(err);
  }
}
