import { useEffect, useRef, useState } from "react";
import { formatClock, isWarning, remainingMs } from "~/rounds/clock";

/** Moments worth telling a screen-reader user about; announcing every second would drown them. */
const ANNOUNCE_AT_SECONDS = [600, 300, 120, 60, 30, 10];

function announcementFor(remaining: number): string | null {
  if (remaining === 0) return "Time is up. Your answer is being submitted.";
  const seconds = Math.ceil(remaining / 1000);
  const mark = ANNOUNCE_AT_SECONDS.find((s) => seconds <= s && seconds > s - 1);
  if (mark === undefined) return null;
  return mark >= 60
    ? `${mark / 60} minute${mark === 60 ? "" : "s"} left.`
    : `${mark} seconds left.`;
}

/**
 * Counts down to a deadline the server owns. The first render uses the
 * server's "now", so the server HTML and the hydrated page agree; then the
 * browser ticks, corrected for the difference between the two clocks.
 */
export function Countdown({
  deadline,
  serverNow,
  secondsAllowed,
  onExpire,
}: {
  deadline: Date;
  serverNow: Date;
  secondsAllowed: number;
  onExpire: () => void;
}) {
  const [now, setNow] = useState(() => serverNow.getTime());
  const [announcement, setAnnouncement] = useState("");
  const expired = useRef(false);

  useEffect(() => {
    const skew = serverNow.getTime() - Date.now();
    const tick = () => setNow(Date.now() + skew);
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [serverNow]);

  const remaining = remainingMs(deadline, new Date(now));
  const warning = isWarning(remaining, secondsAllowed);

  useEffect(() => {
    const message = announcementFor(remaining);
    if (message) setAnnouncement(message);
    if (remaining === 0 && !expired.current) {
      expired.current = true;
      onExpire();
    }
  }, [remaining, onExpire]);

  return (
    // data-deadline: the server's deadline as stored, so a check that a reload or restart kept the
    // clock compares it exactly instead of reading the ticking display against a wall clock.
    <div
      className={`countdown${warning ? " countdown-warning" : ""}${remaining === 0 ? " countdown-done" : ""}`}
      data-deadline={deadline.toISOString()}
    >
      <span className="countdown-label" id="countdown-label">
        Time left
      </span>
      <span role="timer" aria-labelledby="countdown-label" className="countdown-value">
        {formatClock(remaining)}
      </span>
      {/* Only where scripts do not run: a note that went away as the page hydrated would move everything below it. */}
      <noscript>
        <p className="countdown-server-note">
          The clock runs on the server even without JavaScript: submit before{" "}
          {formatClock(remaining)} is up.
        </p>
      </noscript>
      {warning ? (
        <span className="countdown-hint">
          Wrap up: the answer is submitted when the clock reaches zero.
        </span>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
