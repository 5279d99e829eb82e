import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { deliveryMetrics } from "~/voice/delivery";
import { DeliverySummary } from "./delivery-summary";
import { LazyRecordAnswer } from "./record-answer-lazy";
import { recordingUrl } from "~/voice/recording-view";

test("the recorder renders nothing on the server: it needs JavaScript, and its code loads after hydration", () => {
  const html = renderToStaticMarkup(<LazyRecordAnswer recordingUrl={recordingUrl("r1", 2, 1)} />);
  expect(html).toBe("");
  expect(recordingUrl("r1", 2, 0)).toBe("/rounds/r1/questions/2/recording?slot=0");
});

test("the delivery summary names pace, pauses, fillers with an example, and hedges", () => {
  const delivery = deliveryMetrics({
    transcript: "",
    segments: [
      { start: 0, end: 6, text: "So, um, we cached the hot keys, you know, in Redis" },
      { start: 9, end: 15, text: "and it was kind of faster after that for everyone" },
    ],
  });
  const html = renderToStaticMarkup(<DeliverySummary delivery={delivery} id="d" />);
  expect(html).toContain("How you said it");
  expect(html).toContain(`${delivery.wordsPerMinute} words a minute`);
  expect(html).toContain("1, the longest 3 s");
  expect(html).toContain("“um” ×1");
  expect(html).toContain("“you know” ×1");
  expect(html).toContain("“kind of” ×1");
});

test("without timings the summary says the pace is over the whole recording, and shows no pauses", () => {
  const html = renderToStaticMarkup(
    <DeliverySummary delivery={deliveryMetrics({ transcript: "word ".repeat(30), durationSeconds: 12 })} id="d" />,
  );
  expect(html).toContain("the whole recording");
  expect(html).toContain("150 words a minute");
  expect(html).not.toContain("Long pauses");
});
