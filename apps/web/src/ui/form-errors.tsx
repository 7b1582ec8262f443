import { ApiError } from '../api/client';
import './form-errors.css';

/** Error messages keyed by field path, in the server's dotted form: "criteria.0.levels.2". */
export type FieldErrors = Record<string, string>;

interface DetailItem {
  path: string;
  message: string;
}

const isDetailList = (details: unknown): details is DetailItem[] =>
  Array.isArray(details) && details.every((d) => d && typeof d === 'object' && typeof (d as DetailItem).path === 'string');

/**
 * The field errors in a refused write's 400 `details`, with `prefix` ("body." or "body.definition.")
 * stripped so they line up with the form's own paths. Other errors give an empty map.
 */
export function serverFieldErrors(error: unknown, prefix = 'body.'): FieldErrors {
  if (!(error instanceof ApiError) || !isDetailList(error.details)) return {};
  const out: FieldErrors = {};
  for (const d of error.details) {
    const path = d.path.startsWith(prefix) ? d.path.slice(prefix.length) : d.path;
    out[path] ??= d.message;
  }
  return out;
}

/** A DOM id for a field path under a form's prefix: "rubric" + "criteria.0.weight" → "rubric-criteria-0-weight". */
export const fieldId = (idPrefix: string, path: string) => `${idPrefix}-${path.replaceAll('.', '-')}`;

/** What a control needs to point at its hint and error: aria-invalid and aria-describedby. */
export function describedBy(idPrefix: string, path: string, errors: FieldErrors, hint = false) {
  const id = fieldId(idPrefix, path);
  const ids = [hint ? `${id}-hint` : '', errors[path] ? `${id}-error` : ''].filter(Boolean);
  return {
    id,
    'aria-invalid': errors[path] ? true : undefined,
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
  } as const;
}

/** The message under a field; the word "Error" is spoken and shown, so colour is never the only signal. */
export function FieldError({ idPrefix, path, errors }: { idPrefix: string; path: string; errors: FieldErrors }) {
  const message = errors[path];
  if (!message) return null;
  return (
    <p id={`${fieldId(idPrefix, path)}-error`} className="field-error">
      <strong>Error:</strong> {message}
    </p>
  );
}

/**
 * A summary of every field error with links that move focus to the field. Shown after a failed
 * save; `describe` turns a path into words ("Criterion 2, level 3").
 */
export function ErrorSummary(props: { idPrefix: string; errors: FieldErrors; describe?: (path: string) => string; title?: string }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div className="alert error-summary" role="alert">
      <p>
        <strong>{props.title ?? `Fix ${entries.length === 1 ? '1 problem' : `${entries.length} problems`} before saving:`}</strong>
      </p>
      <ul>
        {entries.map(([path, message]) => (
          <li key={path}>
            <a
              href={`#${fieldId(props.idPrefix, path)}`}
              onClick={(e) => {
                const target = document.getElementById(fieldId(props.idPrefix, path));
                if (!target) return;
                e.preventDefault();
                target.focus();
                target.scrollIntoView({ block: 'center' });
              }}
            >
              {props.describe ? `${props.describe(path)}: ` : ''}
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
