/** The answer box's autosave (`?slot=` names a follow-up): JSON, posted with fetch by useDraftAutosave. */
export { saveDraftAction as action } from "~/answering/draft-save.server";
