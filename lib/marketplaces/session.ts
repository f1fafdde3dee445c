import { AuthExpired, Unavailable } from "@/lib/errors";
import type { ApiSession } from "./types";

/** A session around one access token, for calls made before a connection exists (identity at connect time). */
export function tokenSession(accessToken: string): ApiSession {
  return {
    connectionId: "",
    externalId: "",
    externalUserId: null,
    accessToken: async () => accessToken,
    refreshAccessToken: async () => {
      throw new AuthExpired("The marketplace refused the token it just issued. Try connecting again.");
    },
  };
}

/** openapi-fetch leaves `data` undefined for an empty body; our fetch already threw on errors. */
export function must<T>(result: { data?: T }, what: string): T {
  if (result.data === undefined) throw new Unavailable(`The marketplace sent an empty answer to ${what}. We will try again shortly.`);
  return result.data;
}
