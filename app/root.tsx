import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
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
import { getUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getPreferences } from "~/review/preferences.server";
import { useNonce } from "~/security/csp";
import styles from "~/styles/app.css";
import tokens from "~/styles/tokens.css";
import { THEME_CHOICES, THEME_LABELS, type Theme } from "~/theme/theme";
import { getTheme } from "~/theme/theme.server";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: tokens },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction = () => [
  { title: "Rehearse — mock interviews for backend engineers" },
  {
    name: "description",
    content: "Timed interview practice with rubric grading and follow-up probes.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, theme] = await Promise.all([getUser(request), getTheme(request)]);
  if (!user) return { user: null, theme };
  // Present only when on: every score on every page is then shown in words (see useLowAnxiety).
  const lowAnxiety = getPreferences(user.id).lowAnxiety ? { lowAnxiety: true as const } : {};
  return { user: { username: user.username, ...lowAnxiety }, theme };
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

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user ?? null;
  const theme = data?.theme ?? null;
  const nonce = useNonce();
  const location = useLocation();
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
                  <div className="nav-group">
                    <p className="nav-heading" id="nav-practise">
                      Practise
                    </p>
                    <ul aria-labelledby="nav-practise">
                      <li>
                        <NavLink to="/rounds/new">New round</NavLink>
                      </li>
                      <li>
                        <NavLink to="/questions">Questions</NavLink>
                      </li>
                      <li>
                        <NavLink to="/practice-queue">Re-practice queue</NavLink>
                      </li>
                      <li>
                        <NavLink to="/stories">Stories</NavLink>
                      </li>
                    </ul>
                  </div>
                  <div className="nav-group">
                    <p className="nav-heading" id="nav-review">
                      Review
                    </p>
                    <ul aria-labelledby="nav-review">
                      <li>
                        <NavLink to="/history">History</NavLink>
                      </li>
                      <li>
                        <NavLink to="/progress">Progress</NavLink>
                      </li>
                      <li>
                        <NavLink to="/readiness">Readiness</NavLink>
                      </li>
                    </ul>
                  </div>
                  <div className="nav-group nav-account">
                    <p className="nav-heading nav-user" id="nav-account">
                      {user.username}
                    </p>
                    <ul aria-labelledby="nav-account">
                      <li>
                        <NavLink to="/preferences">Preferences</NavLink>
                      </li>
                      <li>
                        <NavLink to="/settings">Settings</NavLink>
                      </li>
                      <li>
                        <NavLink to="/account">Account</NavLink>
                      </li>
                      <li>
                        <Form method="post" action="/logout">
                          <button type="submit" className="link-button">
                            Log out
                          </button>
                        </Form>
                      </li>
                    </ul>
                    <ThemeSwitch theme={theme} />
                  </div>
                </>
              ) : (
                <div className="nav-group nav-account">
                  <ul>
                    <li>
                      <NavLink to="/login">Log in</NavLink>
                    </li>
                    <li>
                      <NavLink to="/signup">Sign up</NavLink>
                    </li>
                  </ul>
                  <ThemeSwitch theme={theme} />
                </div>
              )}
            </nav>
          </details>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
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
