/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

export {};

declare module "@remix-run/node" {
  // Single fetch keeps Dates and other types across the wire; tell the type helpers so.
  interface Future {
    v3_singleFetch: true;
  }

  // What server.js passes every loader and action (getLoadContext). Optional, because
  // tests call loaders directly with an empty context: read them through app/security/.
  interface AppLoadContext {
    /** The client's address as Express sees it (X-Forwarded-For only when TRUST_PROXY says so). */
    clientIp?: string;
    /** This response's Content-Security-Policy nonce for inline scripts. */
    cspNonce?: string;
  }
}
