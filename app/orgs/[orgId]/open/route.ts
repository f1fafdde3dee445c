import { NextResponse } from "next/server";
import { sessionUserId } from "@/lib/auth";
import { errorResponse } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/http/request-guard";
import { switchOrganization } from "@/lib/orgs/organizations";

// Opens one of the user's organizations; any other id is 404, whoever owns it. POST
// only: a link or image on another site must not change which organization the
// seller's next edit lands in (the session cookie is SameSite=Lax).
export async function POST(req: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const userId = await sessionUserId();
  if (!userId) return NextResponse.redirect(new URL("/sign-in", req.url), 303);
  try {
    assertSameOrigin(req); // a page on another origin of the same site must not switch it either
    await switchOrganization(userId, (await params).orgId);
  } catch (err) {
    return errorResponse(err);
  }
  return NextResponse.redirect(new URL("/inventory", req.url), 303);
}
