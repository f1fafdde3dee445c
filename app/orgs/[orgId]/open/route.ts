import { NextResponse } from "next/server";
import { sessionUserId } from "@/lib/auth";
import { errorResponse } from "@/lib/errors";
import { switchOrganization } from "@/lib/orgs/organizations";

// Opens one of the user's organizations; any other id is 404, whoever owns it.
export async function GET(req: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const userId = await sessionUserId();
  if (!userId) return NextResponse.redirect(new URL("/sign-in", req.url));
  try {
    await switchOrganization(userId, (await params).orgId);
  } catch (err) {
    return errorResponse(err);
  }
  return NextResponse.redirect(new URL("/inventory", req.url));
}
