import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useShouldHydrate } from "~/components/hydration";
import { useReportTimeZone } from "~/dates/report-time-zone";
import { useNonce } from "~/security/csp";
import styles from "~/styles/app.css";
import { THEME_CHOICES, THEME_LABELS, type Theme } from "~/theme/theme";
import type { Notice } from "~/utils/notice.server";
import type { loader } from "./root.server";

// The root's loader lives beside it, the only server module this file imports: Remix's compiler
// turns each server module a route imports into an empty script in the browser, one more request
// on every page when another route imports it too (docs/decisions/014).
export { loader } from "./root.server";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction = () => [
  { title: "Rehearse — mock interviews for backend engineers" },
  {
    name: "description",
    content: "Timed interview practice with rubric grading and follow-up probes.",
  },
];

/**
 * Runs on every navigation, not only after a form post: a notice belongs to
 * the page its redirect led to, and the next page must not keep showing it
 * (the header's user and theme stay current too). Two small reads.
 */
export const shouldRevalidate: ShouldRevalidateFunction = () => true;

/**
 * The one live region for notices after a redirect (app/utils/notice.server.ts),
 * on every page so a screen reader is already listening when one arrives after
 * a client-side navigation; without JavaScript the server renders it filled.
 * Keyed on the notice's id: a second "Saved." replaces the first and is announced.
 */
function NoticeRegion({ notice }: { notice: Notice | null }) {
  return (
    <div className="notice-region" role="status" aria-live="polite">
      {notice ? (
        <p key={notice.id} className="flash-notice" data-type={notice.type}>
          {notice.text}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Light, dark or the system's choice: a plain form post (no JavaScript needed)
 * that remembers the choice in a cookie and comes back to this page.
 */
function ThemeSwitch({ theme }: { theme: Theme | null }) {
  const location = useLocation();
  const current = theme ?? "system";
  return (
    <form method="post" action="/theme">
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <fieldset className="theme-switch">
        <legend>Theme</legend>
        {THEME_CHOICES.map((choice) => (
          <button
            key={choice}
            type="submit"
            name="theme"
            value={choice}
            aria-pressed={choice === current}
          >
            {THEME_LABELS[choice]}
          </button>
        ))}
      </fieldset>
    </form>
  );
}

/** The main navigation, grouped so it stays short: [path, label]. */
const PRACTISE_LINKS = [
  ["/rounds/new", "New round"],
  ["/questions", "Questions"],
  ["/practice-queue", "Re-practice queue"],
  ["/stories", "Stories"],
] as const;
const REVIEW_LINKS = [
  ["/history", "History"],
  ["/progress", "Progress"],
  ["/readiness", "Readiness"],
] as const;
const ACCOUNT_LINKS = [
  ["/preferences", "Preferences"],
  ["/settings", "Settings"],
  ["/account", "Account"],
] as const;
const SIGNED_OUT_LINKS = [
  ["/login", "Log in"],
  ["/signup", "Sign up"],
] as const;

/** One group of the main navigation: its heading (if any), its links, and for the account group the theme switch. */
function NavGroup({
  id,
  heading,
  links,
  account = false,
  children,
}: {
  id: string;
  heading?: string;
  links: readonly (readonly [string, string])[];
  account?: boolean;
  children?: React.ReactNode;
}) {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <div className={account ? "nav-group nav-account" : "nav-group"}>
      {heading ? (
        <p className={account ? "nav-heading nav-user" : "nav-heading"} id={id}>
          {heading}
        </p>
      ) : null}
      <ul aria-labelledby={heading ? id : undefined}>
        {links.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to}>{label}</NavLink>
          </li>
        ))}
        {children}
      </ul>
      {account ? <ThemeSwitch theme={data?.theme ?? null} /> : null}
    </div>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user ?? null;
  const theme = data?.theme ?? null;
  useReportTimeZone({
    timeZone: data?.timeZone ?? "UTC",
    utcOffset: data?.zoneCheck.utcOffset ?? 0,
    reported: data?.zoneCheck.reported ?? false,
  });
  const nonce = useNonce();
  const location = useLocation();
  const hydrate = useShouldHydrate();
  return (
    <html lang="en" data-theme={theme ?? undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            Rehearse
          </Link>
          {/* A Menu on a phone; on a wide screen the CSS shows its links in the header (app/styles/app.css).
              Keyed on the path so a followed link closes it. */}
          <details className="site-menu" key={location.pathname}>
            <summary>Menu</summary>
            <nav aria-label="Main" className="site-nav">
              {user ? (
                <>
                  <NavGroup id="nav-practise" heading="Practise" links={PRACTISE_LINKS} />
                  <NavGroup id="nav-review" heading="Review" links={REVIEW_LINKS} />
                  <NavGroup id="nav-account" heading={user.username} links={ACCOUNT_LINKS} account>
                    <li>
                      <Form method="post" action="/logout">
                        <button type="submit" className="link-button">
                          Log out
                        </button>
                      </Form>
                    </li>
                  </NavGroup>
                </>
              ) : (
                <NavGroup id="nav-account" links={SIGNED_OUT_LINKS} account />
              )}
            </nav>
          </details>
        </header>
        <main id="main" tabIndex={-1}>
          <NoticeRegion notice={data?.notice ?? null} />
          {children}
        </main>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
