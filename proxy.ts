import { type NextRequest, NextResponse } from "next/server";

/**
 * Every page gets a fresh nonce and a strict Content-Security-Policy: scripts run only when
 * they carry this request's nonce (Next.js adds it to its own scripts when it finds the policy
 * on the request; the root layout hands it to the theme script), or when a nonced script loads
 * them ('strict-dynamic'). No 'unsafe-inline' for scripts, no framing by anyone.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production");
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    // React's development build evaluates strings for its debugging aids; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Styles may be inline (style attributes from React); styles cannot run script.
    "style-src 'self' 'unsafe-inline'",
    // Mail frames inherit this policy: remote images (only after the reader asks) need https:.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const config = {
  matcher: [
    {
      // Pages only: API answers set their own headers, static files carry no script of ours.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
