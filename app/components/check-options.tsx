/** A list of checkboxes sharing one field name, each labelled by its value. */
export function CheckOptions({
  name,
  options,
  isChecked,
}: {
  name: string;
  options: readonly string[];
  isChecked: (option: string) => boolean;
}) {
  return options.map((option) => (
    <label key={option} className="check">
      <input type="checkbox" name={name} value={option} defaultChecked={isChecked(option)} />{" "}
      {option}
    </label>
  ));
}
