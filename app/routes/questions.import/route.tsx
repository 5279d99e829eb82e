import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/form-errors";
import { importPack } from "~/packs/import-pack.server";
import { PACK_BYTES_MAX, PACK_QUESTIONS_MAX } from "~/packs/pack-limits";
import { packFormatOf } from "~/packs/read-pack";
import { readUploadedPack } from "~/packs/upload-pack.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { refusal } from "~/utils/submission.server";

/** The most problems one answer lists; the count says how many more there are. */
const PROBLEMS_SHOWN = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

function rejected(problems: string[], fileName: string) {
  const shown =
    problems.length > PROBLEMS_SHOWN
      ? [
          ...problems.slice(0, PROBLEMS_SHOWN),
          `… and ${problems.length - PROBLEMS_SHOWN} more problems`,
        ]
      : problems;
  // The upload is read (streamed, bounded) by readUploadedPack; the refusal is Conform's reply, with the file's name.
  return data({ result: refusal({ fieldErrors: { pack: shown } }), fileName }, { status: 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const upload = await readUploadedPack(request, "pack");
  if (!upload.ok) return rejected([upload.problem], upload.name);
  const format = packFormatOf(upload.name);
  if (!format) return rejected([`${upload.name} is not a .json, .yaml or .yml file.`], upload.name);
  const result = importPack(user.id, upload.text, format);
  if (!result.ok) return rejected(result.problems, upload.name);
  throw await redirectWithNotice("/questions?source=mine", {
    type: "success",
    text: importedText(result.imported.length, result.references),
  });
}

/** What the list of the user's own questions says after an import: how many, and the bank questions left alone. */
function importedText(imported: number, references: number): string {
  const text = `Imported ${imported} ${imported === 1 ? "question" : "questions"} from your pack.`;
  if (references === 0) return text;
  return references === 1
    ? `${text} 1 was a bank question, which you already have, so it was left as it is.`
    : `${text} ${references} were bank questions, which you already have, so they were left as they are.`;
}

export default function ImportPackPage() {
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<{ pack: File }>({ id: "import-pack", lastResult: answer?.result });
  const problems = fields.pack.errors;
  return (
    <section className="question-form">
      <h1>Import a question pack</h1>
      <p>
        A pack is a YAML or JSON file with <code>pack: 1</code> and a list of <code>questions</code>
        , each shaped like a file in the question bank. <Link to="/questions">Export</Link> a few
        questions to see one. Imported questions become your own: only you can see them.
      </p>
      <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <label htmlFor={fields.pack.id}>Pack file</label>
        <input
          {...getInputProps(fields.pack, {
            type: "file",
            ariaDescribedBy: fields.pack.descriptionId,
          })}
          accept=".json,.yaml,.yml,application/json,application/yaml"
          required
        />
        <p id={fields.pack.descriptionId} className="hint">
          .json, .yaml or .yml; at most {PACK_BYTES_MAX / 1024} KB and {PACK_QUESTIONS_MAX}{" "}
          questions. Bank questions in a pack are left as they are, since everyone has the bank. If
          anything else in it is wrong, nothing is imported and every problem is listed by path.
        </p>
        {problems ? (
          <div className="import-problems">
            <p>
              {answer?.fileName ? <strong>{answer.fileName}</strong> : "The pack"} was not imported:
            </p>
            <ErrorList id={fields.pack.errorId} errors={problems} />
          </div>
        ) : null}
        <button type="submit" disabled={busy}>
          Import pack
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Import questions · Rehearse" }];
