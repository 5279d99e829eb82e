import { expect, test } from "vitest";
import { readServerSentEvents } from "./server-sent-events";

function bodyOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

test("reads named events split across chunks, in order", async () => {
  const events = [];
  for await (const event of readServerSentEvents(
    bodyOf(['event: progress\ndata: {"a":', '1}\n\nevent: done\r\ndata: {}\r\n\r\n', ": comment\n\n"]),
  )) {
    events.push(event);
  }
  expect(events).toEqual([
    { event: "progress", data: '{"a":1}' },
    { event: "done", data: "{}" },
  ]);
});
