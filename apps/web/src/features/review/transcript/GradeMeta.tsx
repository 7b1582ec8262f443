import { OfflineBadge } from '../../../ui/page';
import { FlagBadges } from '../FlagBadges';
import { formatCost, formatDate, formatNumber } from '../format';
import type { TranscriptGrade } from '../types';

const formatLatency = (ms: number | null) => (ms === null ? '—' : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

const STATUS: Record<TranscriptGrade['status'], string> = {
  pending: 'Grading in progress',
  done: 'Graded',
  failed: 'Grading failed',
  needs_human_review: 'Needs human review',
};

/** Who graded a question and at what cost, with its flags as worded badges. */
export function GradeMeta({ grade }: { grade: TranscriptGrade }) {
  const { usage } = grade;
  const problem = grade.status === 'failed' || grade.status === 'needs_human_review';
  return (
    <div className="grade-meta stack">
      <div className="row">
        {grade.grader === 'offline' ? <OfflineBadge /> : <span className="badge">AI grader</span>}
        {problem ? (
          <span className="badge badge-warn">
            <span aria-hidden="true">⚠ </span>
            {STATUS[grade.status]}
          </span>
        ) : grade.status === 'pending' ? (
          <span className="badge">{STATUS.pending}</span>
        ) : null}
        <FlagBadges flags={grade.flags.filter((f) => !(f === 'needs_human_review' && grade.status === 'needs_human_review'))} />
      </div>
      {grade.error && <p className="alert">Grader error: {grade.error}</p>}
      <dl className="meta-list">
        <div>
          <dt>Model</dt>
          <dd>{grade.model ?? (grade.grader === 'offline' ? 'None (deterministic offline grader)' : '—')}</dd>
        </div>
        <div>
          <dt>Rubric</dt>
          <dd>
            Version {grade.rubricVersion} · prompt {grade.promptVersion}
          </dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>
            {usage.promptTokens === null && usage.completionTokens === null
              ? 'None used'
              : `${formatNumber(usage.promptTokens)} in (${formatNumber(usage.cachedTokens)} cached) · ${formatNumber(usage.completionTokens)} out`}
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{usage.costUsd === null && grade.grader === 'offline' ? 'None' : formatCost(usage.costUsd)}</dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd>{formatLatency(usage.latencyMs)}</dd>
        </div>
        <div>
          <dt>Confidence</dt>
          <dd>{grade.confidence === null ? '—' : `${Math.round(grade.confidence * 100)}%`}</dd>
        </div>
        <div>
          <dt>Graded</dt>
          <dd>
            <time dateTime={grade.gradedAt}>{formatDate(grade.gradedAt)}</time>
            {grade.attempts > 1 && ` (${grade.attempts} attempts)`}
          </dd>
        </div>
      </dl>
    </div>
  );
}
