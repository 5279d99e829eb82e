import { NavLink } from "@remix-run/react";

/** Links between the review pages that are not in the main navigation. */
export function ReviewNav() {
  return (
    <nav className="sub-nav" aria-label="Review">
      <NavLink to="/readiness">Readiness</NavLink>
      <NavLink to="/practice-queue">Re-practice queue</NavLink>
      <NavLink to="/preferences">Preferences</NavLink>
    </nav>
  );
}
