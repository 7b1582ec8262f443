import type { TryRubricResult } from '@interview/contracts/api';
import type { RubricDefinition } from '@interview/contracts/rubric';
import { OfflineBadge } from '../../../ui/page';
import { FLAG_LABELS } from './flags';

/** A grade of a sample answer: total, each criterion's score with its evidence and reasoning, and flags. */
export function GradeResultView({ result, definition }: { result: TryRubricResult; definition: RubricDefinition | undefined }) {
  const byKey = new Map(definition?.criteria.map((c) => [c.key, c]) ?? []);
  const pointText = (key: string, id: string) => byKey.get(key)?.keyPoints.find((k) => k.id === id)?.point ?? id;
  return (
    <div className="stack grade-result">
      <p className="row">
        <span className="total">
          Total: <strong>{result.total === null ? 'not scored' : `${result.total} / 100`}</strong>
        </span>
        {result.grader === 'offline' ? <OfflineBadge /> : <span className="badge">Model {result.model ?? 'LLM'}</span>}
        <span className="muted small">
          Version {result.rubricVersion.version} ({result.rubricVersion.status}) · {result.latencyMs} ms
        </span>
      </p>
      {result.flags.length > 0 && (
        <ul className="row plain-list" aria-label="Flags">
          {result.flags.map((f) => (
            <li key={f} className="badge badge-warn">
              {FLAG_LABELS[f] ?? f}
            </li>
          ))}
        </ul>
      )}
      <ul className="plain-list stack">
        {result.criteria.map((c) => {
          const title = byKey.get(c.key)?.title ?? c.key;
          return (
            <li key={c.key} className="criterion-grade">
              <h4>
                {title}: {c.score === null ? 'not scored (insufficient evidence)' : `${c.score} of 4`}
              </h4>
              {c.score !== null && (
                <div className="score-bar" aria-hidden="true">
                  <span style={{ width: `${(c.score / 4) * 100}%` }} />
                </div>
              )}
              {c.needsReview && <span className="badge badge-warn">Needs human review</span>}
              <p>{c.reasoning}</p>
              {c.evidence.length > 0 ? (
                <div>
                  <span className="muted small">Evidence from the answer:</span>
                  {c.evidence.map((e) => (
                    <blockquote key={`${e.start}-${e.end}`} className="evidence">
                      <mark>{e.quote}</mark>
                    </blockquote>
                  ))}
                </div>
              ) : (
                <p className="muted small">No evidence quoted.</p>
              )}
              {(c.keyPointsCovered.length > 0 || c.keyPointsMissed.length > 0) && (
                <ul className="compact-list">
                  {c.keyPointsCovered.map((id) => (
                    <li key={`c-${id}`}>
                      <span aria-hidden="true">✓ </span>Covered: {pointText(c.key, id)}
                    </li>
                  ))}
                  {c.keyPointsMissed.map((id) => (
                    <li key={`m-${id}`}>
                      <span aria-hidden="true">✗ </span>Missed: {pointText(c.key, id)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {result.strengths.length > 0 && (
        <div>
          <h4>Strengths</h4>
          <ul>
            {result.strengths.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      )}
      {result.improvements.length > 0 && (
        <div>
          <h4>Improvements</h4>
          <ul>
            {result.improvements.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
