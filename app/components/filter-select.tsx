import { QUESTION_KINDS } from "~/question-bank/question-choices";
import { skillLabel } from "~/question-bank/skill-label";
import { ErrorList } from "./form-errors";

type Option = string | { value: string; label: string };

/** One drop-down of a GET filter form: an "any" choice first, its errors tied to it. */
export function FilterSelect({
  name,
  label,
  any,
  options,
  defaultValue,
  errors,
}: {
  name: string;
  label: string;
  /** The label of the empty choice, which filters nothing ("Any skill"). */
  any: string;
  options: readonly Option[];
  defaultValue: string | undefined;
  errors: string[] | undefined;
}) {
  const errorsId = `${name}-errors`;
  return (
    <div>
      <label htmlFor={name}>{label}</label>
      <select
        id={name}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? errorsId : undefined}
      >
        <option value="">{any}</option>
        {options.map((option) => {
          const { value, label } =
            typeof option === "string" ? { value: option, label: option } : option;
          return (
            <option key={value} value={value}>
              {label}
            </option>
          );
        })}
      </select>
      <ErrorList id={errorsId} errors={errors} />
    </div>
  );
}

/** The skill and kind drop-downs every list of questions or rounds filters by, with their errors. */
export function SkillAndKindFilters({
  skills,
  value,
  errors,
}: {
  skills: readonly string[];
  value: (name: string) => string;
  errors: Record<string, string[] | undefined> | undefined;
}) {
  return (
    <>
      <FilterSelect
        name="skill"
        label="Skill"
        any="Any skill"
        options={skills.map((s) => ({ value: s, label: skillLabel(s) }))}
        defaultValue={value("skill")}
        errors={errors?.skill}
      />
      <FilterSelect
        name="kind"
        label="Kind"
        any="Any kind"
        options={QUESTION_KINDS}
        defaultValue={value("kind")}
        errors={errors?.kind}
      />
    </>
  );
}
