import type { RubricDiff } from '@interview/contracts/api';

function Change({ label, from, to }: { label: string; from: string; to: string }) {
  return (
    <div className="change">
      <span className="change-label">{label}</span>
      <div className="change-pair">
        <del>
          <strong>Before: </strong>
          {from}
        </del>
        <ins>
          <strong>After: </strong>
          {to}
        </ins>
      </div>
    </div>
  );
}

interface ListDiff<T> {
  added: T[];
  removed: T[];
  changed: { id: string; from: T; to: T }[];
}

function ListChanges<T extends { id: string }>({
  name,
  changes,
  text: t,
}: {
  name: string;
  changes: ListDiff<T>;
  text: (item: T) => string;
}) {
  if (changes.added.length + changes.removed.length + changes.changed.length === 0) return null;
  return (
    <ul className="compact-list">
      {changes.added.map((k) => (
        <li key={`a-${k.id}`}>
          <strong>Added {name}:</strong> {t(k)}
        </li>
      ))}
      {changes.removed.map((k) => (
        <li key={`r-${k.id}`}>
          <strong>Removed {name}:</strong> {t(k)}
        </li>
      ))}
      {changes.changed.map((k) => (
        <li key={`c-${k.id}`}>
          <Change label={`Changed ${name} ${k.id}`} from={t(k.from)} to={t(k.to)} />
        </li>
      ))}
    </ul>
  );
}

const pointText = (k: { point: string; synonyms: string[] }) => `${k.point} (synonyms: ${k.synonyms.join(', ')})`;
const flagText = (r: { text: string; phrases?: string[] }) => `${r.text}${r.phrases?.length ? ` (phrases: ${r.phrases.join(', ')})` : ''}`;

/** What changed between two rubric versions, as text: before and after are labelled, not only coloured. */
export function DiffView({ diff, titles }: { diff: RubricDiff; titles?: Map<string, string> }) {
  const c = diff.criteria;
  const titleOf = (key: string) =>
    titles?.get(key) ?? c.added.find((a) => a.key === key)?.title ?? c.removed.find((r) => r.key === key)?.title ?? key;
  return (
    <div className="stack diff" aria-live="polite">
      <p>
        <strong>
          Version {diff.from.version} ({diff.from.status}) → version {diff.to.version} ({diff.to.status})
        </strong>
        {diff.from.rubricId !== diff.to.rubricId && <span className="muted"> · compared with the rubric it was forked from</span>}
      </p>
      {diff.identical ? (
        <p className="notice">No differences: the two versions are identical.</p>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption>Share of the total score per criterion</caption>
              <thead>
                <tr>
                  <th scope="col">Criterion</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {diff.weightShares.map((w) => (
                  <tr key={w.key}>
                    <th scope="row">{titleOf(w.key)}</th>
                    <td>{w.from === null ? 'absent' : `${w.from}%`}</td>
                    <td>
                      {w.to === null ? 'removed' : `${w.to}%`}
                      {w.from !== null && w.to !== null && w.from !== w.to && (
                        <span className="muted">
                          {' '}
                          ({w.to > w.from ? '+' : ''}
                          {Math.round((w.to - w.from) * 10) / 10} points)
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {c.added.length > 0 && (
            <div>
              <h4>Added criteria</h4>
              <ul>
                {c.added.map((a) => (
                  <li key={a.key}>
                    {a.title}{' '}
                    <span className="muted">
                      ({a.key}, weight {a.weight})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {c.removed.length > 0 && (
            <div>
              <h4>Removed criteria</h4>
              <ul>
                {c.removed.map((r) => (
                  <li key={r.key}>
                    {r.title} <span className="muted">({r.key})</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {c.changed.map((ch) => (
            <div key={ch.key} className="diff-criterion">
              <h4>Changed: {ch.title?.to ?? titleOf(ch.key)}</h4>
              {ch.title && <Change label="Title" from={ch.title.from} to={ch.title.to} />}
              {ch.weight && <Change label="Weight" from={String(ch.weight.from)} to={String(ch.weight.to)} />}
              {ch.assesses && <Change label="Assesses" from={ch.assesses.from} to={ch.assesses.to} />}
              {ch.levels.map((l) => (
                <Change key={l.level} label={`Level ${l.level}`} from={l.from} to={l.to} />
              ))}
              <ListChanges name="key point" changes={ch.keyPoints} text={pointText} />
              <ListChanges name="red flag" changes={ch.redFlags} text={flagText} />
            </div>
          ))}
          {c.unchanged.length > 0 && <p className="muted">Unchanged criteria: {c.unchanged.map(titleOf).join(', ')}.</p>}
        </>
      )}
    </div>
  );
}
