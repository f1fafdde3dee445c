export const HOME_PATH = "/inventory";

/** Only same-site paths, so ?next= cannot send someone to another site after sign-in. */
export function safeNextPath(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : HOME_PATH;
}

export function isInvitePath(path: string): boolean {
  return path.startsWith("/invite/");
}
