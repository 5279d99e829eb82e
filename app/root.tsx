import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getPreferences } from "~/review/preferences.server";
import { useNonce } from "~/security/csp";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction = () => [
  { title: "Rehearse — mock interviews for backend engineers" },
  { name: "description", content: "Timed interview practice with rubric grading and follow-up probes." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return { user: null };
  // Present only when on: every score on every page is then shown in words (see useLowAnxiety).
  const lowAnxiety = getPreferences(user.id).lowAnxiety ? { lowAnxiety: true as const } : {};
  return { user: { username: user.username, ...lowAnxiety } };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user ?? null;
  const nonce = useNonce();
  return (
    <html lang="en">
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
          <nav aria-label="Main">
            {user ? (
              <>
                <NavLink to="/rounds/new">New round</NavLink>
                <NavLink to="/questions">Questions</NavLink>
                <NavLink to="/stories">Stories</NavLink>
                <NavLink to="/history">History</NavLink>
                <NavLink to="/progress">Progress</NavLink>
                <NavLink to="/settings">Settings</NavLink>
                <NavLink to="/account">Account</NavLink>
                <span className="muted">{user.username}</span>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">
                    Log out
                  </button>
                </Form>
              </>
            ) : (
              <>
                <NavLink to="/login">Log in</NavLink>
                <NavLink to="/signup">Sign up</NavLink>
              </>
            )}
          </nav>
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
