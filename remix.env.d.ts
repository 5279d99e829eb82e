/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

export {};

declare module "@remix-run/node" {
  // Single fetch keeps Dates and other types across the wire; tell the type helpers so.
  interface Future {
    v3_singleFetch: true;
  }
}
