import type { RubricDefinition } from '@interview/contracts/rubric';
import { LEVELS } from './rubric-form';
import { weightShares } from './weights';

/** A rubric version read-only: criteria with weights, level descriptors, key points and red flags. */
export function DefinitionView({ definition }: { definition: RubricDefinition }) {
  const shares = weightShares(definition.criteria.map((c) => c.weight));
  return (
    <section className="stack" aria-labelledby="criteria-title">
      <h2 id="criteria-title">Criteria</h2>
      {definition.criteria.map((c, i) => (
        <article key={c.key} className="card criterion" aria-labelledby={`crit-${c.key}`}>
          <h3 id={`crit-${c.key}`}>{c.title}</h3>
          <p className="row">
            <span>
              Weight {c.weight} ({shares[i]}% of the total)
            </span>
            <code className="muted">{c.key}</code>
          </p>
          <p>{c.assesses}</p>
          <h4>Level descriptors</h4>
          <dl className="levels">
            {LEVELS.map((n) => (
              <div key={n} className="level-row">
                <dt>Level {n}</dt>
                <dd>{c.levels[n]}</dd>
              </div>
            ))}
          </dl>
          <h4>Key points</h4>
          <ul>
            {c.keyPoints.map((k) => (
              <li key={k.id}>
                {k.point} <span className="muted">Synonyms: {k.synonyms.join(', ')}</span>
              </li>
            ))}
          </ul>
          {c.redFlags.length > 0 && (
            <>
              <h4>Red flags</h4>
              <ul>
                {c.redFlags.map((r) => (
                  <li key={r.id}>
                    {r.text}
                    {r.phrases.length > 0 && <span className="muted"> Phrases: {r.phrases.join(', ')}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      ))}
    </section>
  );
}
