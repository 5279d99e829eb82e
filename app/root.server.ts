import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/auth/session.server";
import { serverTimeZone } from "~/dates/time-zone.server";
import { getPreferences } from "~/preferences/preferences.server";
import { getTheme } from "~/theme/theme.server";
import { getNotice } from "~/utils/notice.server";

/** What every page's layout needs: who is signed in, their theme and time zone, and a notice a redirect left. */
export async function loader({ request }: LoaderFunctionArgs) {
  const [user, theme, { notice, headers }] = await Promise.all([
    getUser(request),
    getTheme(request),
    getNotice(request),
  ]);
  const { timeZone, ...zoneCheck } = serverTimeZone(request);
  // Present only after a redirect that flashed one; the Set-Cookie forgets it, so the next page shows none.
  const flash = notice ? { notice } : {};
  const init = headers ? { headers } : undefined;
  if (!user) return data({ user: null, theme, timeZone, zoneCheck, ...flash }, init);
  // Present only when on: every score on every page is then shown in words (see useLowAnxiety).
  const lowAnxiety = getPreferences(user.id).lowAnxiety ? { lowAnxiety: true as const } : {};
  return data(
    { user: { username: user.username, ...lowAnxiety }, theme, timeZone, zoneCheck, ...flash },
    init,
  );
}
