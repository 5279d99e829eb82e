import { getCollectionProps, type FieldMetadata } from "@conform-to/react";

/** A list of checkboxes for one list field, each labelled by its value (or by `label` of it); the group's fieldset carries the errors. */
export function CheckOptions<Value>({
  meta,
  options,
  label = (option) => option,
}: {
  meta: FieldMetadata<Value>;
  options: readonly string[];
  label?: (option: string) => string;
}) {
  return getCollectionProps(meta, {
    type: "checkbox",
    options: [...options],
    ariaAttributes: false,
  }).map(({ key, ...props }) => (
    <label key={key} className="check">
      <input {...props} /> {label(props.value)}
    </label>
  ));
}
