import type { FieldMetadata } from "@conform-to/react";
import { getFieldsetProps, getSelectProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { ErrorList, errorsOf } from "./form-errors";

/**
 * What a field hands its control's `get…Props` call: the hint's id, when there
 * is a hint, and that an error about any part of the value (a list's third
 * item, say) marks the one control that holds it.
 */
export interface DescribedBy {
  ariaDescribedBy: string | undefined;
  ariaInvalid: "allErrors";
}

/**
 * One labelled form field: the label, the control (drawn by `children`, which
 * spreads Conform's `getInputProps`/`getTextareaProps`/`getSelectProps` of the
 * same field, given the options passed), its hint and its errors. Every id
 * comes from the field's Conform metadata, so the label, aria-invalid and
 * aria-describedby agree without being written by hand. The one way a form in
 * the app lays out a field.
 */
export function Field<Value>({
  meta,
  label,
  hint,
  className,
  children,
}: {
  meta: FieldMetadata<Value>;
  label: ReactNode;
  hint?: ReactNode;
  /** A wrapper's class; without it the parts sit directly in the form's own layout. */
  className?: string;
  children: (describedBy: DescribedBy) => ReactNode;
}) {
  const parts = (
    <>
      <label htmlFor={meta.id}>{label}</label>
      {children({
        ariaDescribedBy: hint ? meta.descriptionId : undefined,
        ariaInvalid: "allErrors",
      })}
      {hint ? (
        <p id={meta.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={errorsOf(meta)} />
    </>
  );
  return className ? <div className={className}>{parts}</div> : parts;
}

/** A group of checkboxes or radios under one legend, with its errors, wired like a field. */
export function ChoiceField<Value>({
  meta,
  legend,
  children,
}: {
  meta: FieldMetadata<Value>;
  legend: ReactNode;
  children: ReactNode;
}) {
  return (
    <fieldset {...getFieldsetProps(meta, { ariaInvalid: "allErrors" })}>
      <legend>{legend}</legend>
      {children}
      <ErrorList id={meta.errorId} errors={errorsOf(meta)} />
    </fieldset>
  );
}

/** A labelled pick-list of fixed options, each shown as its value, wired like a field. */
export function SelectField<Value>({
  meta,
  label,
  options,
  className,
}: {
  meta: FieldMetadata<Value>;
  label: ReactNode;
  options: readonly string[];
  className?: string;
}) {
  return (
    <Field meta={meta} label={label} className={className}>
      {(describedBy) => (
        <select {...getSelectProps(meta, describedBy)}>
          {options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
