/**
 * What the app keeps in the database's JSON and enum-like text columns, declared
 * into db/schema.ts's StoredShapes: the app's zod schemas stay the one source of
 * these types, and db/ never imports app/.
 */
import type { EvidenceChecks, GraderKind, Insights, Probe } from "~/grading/grade-schema";
import type { ROLES } from "~/question-bank/question-choices";
import type { Band, Question } from "~/question-bank/question-schema";
import type { DeliveryMetrics } from "~/voice/delivery";
import type { RecordingStatus } from "~/voice/recording-status";

declare module "../db/schema" {
  interface StoredShapes {
    question: Question;
    probe: Probe;
    graderKind: GraderKind;
    insights: Insights;
    evidenceChecks: EvidenceChecks;
    role: (typeof ROLES)[number];
    band: Band;
    recordingStatus: RecordingStatus;
    deliveryMetrics: DeliveryMetrics;
  }
}
