import type { InterviewSummary } from '@interview/contracts/api';
import { useId } from 'react';
import { formatDateTime, formatScore, formatShortDate } from '../../../ui/format';

export interface TrendPoint {
  at: string;
  total: number;
  name: string;
}

/** Finished practice interviews with a total, oldest first. */
export function practiceTrend(interviews: readonly InterviewSummary[]): TrendPoint[] {
  return interviews
    .filter((i) => i.mode === 'practice' && i.total !== null && i.finishedAt !== null)
    .map((i) => ({ at: i.finishedAt as string, total: i.total as number, name: i.templateName }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The chart's text alternative: how many, first, latest, best, and the direction. */
export function trendSummary(points: readonly TrendPoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 'No practice totals yet.';
  if (points.length === 1) return `One practice interview so far, total ${Math.round(first.total)} out of 100.`;
  const best = Math.max(...points.map((p) => p.total));
  const change = Math.round(last.total - first.total);
  const direction = change > 0 ? `up ${change} points` : change < 0 ? `down ${-change} points` : 'unchanged';
  return `${points.length} practice interviews from ${formatShortDate(first.at)} to ${formatShortDate(last.at)}: first total ${Math.round(first.total)}, latest ${Math.round(last.total)} (${direction}), best ${Math.round(best)} out of 100.`;
}

const W = 400;
const H = 180;
const PAD = { left: 30, right: 12, top: 12, bottom: 26 };

/** A small hand-drawn SVG line chart of practice totals over time, with a text summary and the data as a table. */
export function TrendChart({ points }: { points: readonly TrendPoint[] }) {
  const titleId = useId();
  const descId = useId();
  const summary = trendSummary(points);
  if (points.length < 2) return <p className="muted">{summary} Finish another practice interview to see your trend.</p>;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? plotW / 2 : (i / (points.length - 1)) * plotW);
  const y = (total: number) => PAD.top + plotH - (Math.min(100, Math.max(0, total)) / 100) * plotH;
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.total).toFixed(1)}`).join(' ');
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="trend-svg">
        <title id={titleId}>Practice totals over time</title>
        <desc id={descId}>{summary}</desc>
        {[0, 50, 100].map((v) => (
          <g key={v} className="trend-grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        <path d={path} className="trend-line" />
        {points.map((p, i) => (
          <circle key={p.at} cx={x(i)} cy={y(p.total)} r={4} className="trend-dot" />
        ))}
        <text x={PAD.left} y={H - 6} className="trend-axis">
          {formatShortDate(first.at)}
        </text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end" className="trend-axis">
          {formatShortDate(last.at)}
        </text>
      </svg>
      <figcaption className="muted">{summary}</figcaption>
      <details>
        <summary>Show the totals as a table</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Finished</th>
                <th scope="col">Interview</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.at}>
                  <td>{formatDateTime(p.at)}</td>
                  <td>{p.name}</td>
                  <td>{formatScore(p.total)} / 100</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
