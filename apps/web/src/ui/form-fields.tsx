import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { describedBy, FieldError, type FieldErrors } from './form-errors';

/**
 * Labelled controls whose id comes from their field path, so a server error on that path and the
 * error summary's links find them. Hint and error are tied to the control with aria-describedby.
 */
interface FieldBase {
  idPrefix: string;
  path: string;
  label: ReactNode;
  errors: FieldErrors;
  hint?: ReactNode;
  className?: string;
}

function Frame(props: FieldBase & { control: (a: ReturnType<typeof describedBy>) => ReactNode }) {
  const a = describedBy(props.idPrefix, props.path, props.errors, !!props.hint);
  return (
    <div className={props.className ?? 'field'}>
      <label htmlFor={a.id}>{props.label}</label>
      {props.hint && (
        <p id={`${a.id}-hint`} className="field-hint">
          {props.hint}
        </p>
      )}
      {props.control(a)}
      <FieldError idPrefix={props.idPrefix} path={props.path} errors={props.errors} />
    </div>
  );
}

export function InputField({
  idPrefix,
  path,
  label,
  errors,
  hint,
  className,
  ...input
}: FieldBase & InputHTMLAttributes<HTMLInputElement>) {
  return <Frame {...{ idPrefix, path, label, errors, hint, className }} control={(a) => <input {...input} {...a} />} />;
}

export function TextAreaField({
  idPrefix,
  path,
  label,
  errors,
  hint,
  className,
  ...area
}: FieldBase & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <Frame {...{ idPrefix, path, label, errors, hint, className }} control={(a) => <textarea {...area} {...a} />} />;
}

export function SelectField({
  idPrefix,
  path,
  label,
  errors,
  hint,
  className,
  children,
  ...select
}: FieldBase & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Frame
      {...{ idPrefix, path, label, errors, hint, className }}
      control={(a) => (
        <select {...select} {...a}>
          {children}
        </select>
      )}
    />
  );
}
