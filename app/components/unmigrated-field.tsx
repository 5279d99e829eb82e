/*
 * The field layout of forms not yet on Conform (the custom question form, its
 * builder and the new-round form): their pages still post through parseForm's
 * { errors, values } shape. Issue 16 item 5 moves them to field.tsx and
 * deletes this file.
 */
import type { ReactNode } from "react";
import { ErrorList as FormErrors } from "./form-errors";

/** What a field hands its control: the wiring to its label, hint and errors, and its value. */
export interface ControlProps {
  id: string;
  name: string;
  defaultValue: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  autoFocus: true | undefined;
}

/**
 * One labelled form field: the label, the control (drawn by `children` with
 * the props given, so it may be an input, a textarea or a select), its hint
 * and its errors, every one wired to the control for assistive technology.
 * The one way a form in the app lays out a field.
 */
export function Field({
  name,
  id = name,
  label,
  value,
  hint,
  errors,
  autoFocus,
  className,
  children,
}: {
  name: string;
  /** The control's id, when the name is not a valid one (a builder row's dotted name, say). */
  id?: string;
  label: ReactNode;
  value: string;
  hint?: ReactNode;
  errors?: string[] | null;
  autoFocus?: boolean;
  /** A wrapper's class; without it the parts sit directly in the form's own layout. */
  className?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const invalid = errors && errors.length > 0 ? true : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorsId = `${id}-errors`;
  const parts = (
    <>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        name,
        defaultValue: value,
        "aria-invalid": invalid,
        "aria-describedby":
          [hintId, invalid ? errorsId : undefined].filter(Boolean).join(" ") || undefined,
        autoFocus: autoFocus || undefined,
      })}
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <FormErrors id={errorsId} errors={errors} />
    </>
  );
  return className ? <div className={className}>{parts}</div> : parts;
}

/** A group of checkboxes or radios under one legend, with its errors, wired like a field. */
export function ChoiceField({
  name,
  legend,
  errors,
  children,
}: {
  name: string;
  legend: ReactNode;
  errors?: string[] | null;
  children: ReactNode;
}) {
  const errorsId = `${name}-errors`;
  return (
    <fieldset aria-describedby={errors && errors.length > 0 ? errorsId : undefined}>
      <legend>{legend}</legend>
      {children}
      <FormErrors id={errorsId} errors={errors} />
    </fieldset>
  );
}

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
