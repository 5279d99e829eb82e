/** A list of checkboxes sharing one field name, each labelled by its value (or by `label` of it). */
export function CheckOptions({
  name,
  options,
  isChecked,
  label = (option) => option,
}: {
  name: string;
  options: readonly string[];
  isChecked: (option: string) => boolean;
  label?: (option: string) => string;
}) {
  return options.map((option) => (
    <label key={option} className="check">
      <input type="checkbox" name={name} value={option} defaultChecked={isChecked(option)} />{" "}
      {label(option)}
    </label>
  ));
}
