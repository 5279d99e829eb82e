import { FormErrors } from "./form-errors";

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
      <FormErrors id={errorsId} errors={errors} />
    </div>
  );
}
