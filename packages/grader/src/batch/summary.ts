import type { BatchReport } from './run';

const fixed = (x: number | null, digits: number) => (x === null ? 'n/a' : x.toFixed(digits));

/** The run summary for people (stderr). The same report goes to stdout as JSON. */
export function formatSummary(report: BatchReport, grader: string): string {
  const lines = [
    `grade-batch (${grader}): ${report.lines} lines → ${report.graded} graded, ${report.failed} failed, ${report.invalid} invalid` +
      ` in ${(report.elapsedMs / 1000).toFixed(1)} s` +
      (report.retries ? `, ${report.retries} retries` : '') +
      (report.drafted || report.draftCacheHits ? `; ${report.drafted} rubrics drafted, ${report.draftCacheHits} reused` : ''),
  ];
  if (report.usage) {
    const u = report.usage;
    lines.push(`tokens: ${u.promptTokens} prompt (${u.cachedTokens} cached), ${u.completionTokens} completion`);
  }
  const a = report.agreement;
  if (a) {
    lines.push(
      `agreement with humanScore (0–100), n=${a.n}: Pearson ${fixed(a.pearson, 3)}, Spearman ${fixed(a.spearman, 3)}, ` +
        `MAE ${fixed(a.mae, 1)} points, QWK ${fixed(a.qwk, 3)} (5 bands: round(total/25))`,
    );
    if (report.humanScoredNotPaired) lines.push(`  ${report.humanScoredNotPaired} human-scored lines had no grader total and are left out`);
  }
  if (report.byKind.length) {
    const width = Math.max(4, ...report.byKind.map((k) => k.kind.length));
    lines.push(`${'kind'.padEnd(width)}  ${'n'.padStart(4)}  ${'grader'.padStart(6)}  ${'human'.padStart(6)}`);
    for (const k of report.byKind) {
      lines.push(
        `${k.kind.padEnd(width)}  ${String(k.n).padStart(4)}  ${fixed(k.meanTotal, 1).padStart(6)}  ${fixed(k.meanHuman, 1).padStart(6)}`,
      );
    }
  }
  return lines.join('\n');
}
