// The security headers of every response (set in proxy.ts). Pure, so the policy is tested as data.

export type SecurityHeaderInput = { nonce: string; dev: boolean; appUrl?: string };

export function contentSecurityPolicy({ nonce, dev }: SecurityHeaderInput): string {
  return [
    "default-src 'self'",
    // Next's inline bootstrap scripts carry the nonce; 'strict-dynamic' lets them load its chunks.
    // React's development build evaluates code for its debugging aids, so dev alone allows eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Charts and a few components set style attributes.
    "style-src 'self' 'unsafe-inline'",
    // Product photos come from the marketplaces' image hosts.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

export function securityHeaders(input: SecurityHeaderInput): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": contentSecurityPolicy(input),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
  };
  // Only over HTTPS: HSTS on a plain-http deployment would lock browsers out of it.
  if (input.appUrl?.startsWith("https://")) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
