import type { Category } from '@interview/contracts';
import type { QuestionPage, RegradeAccepted, TemplateSummary } from '@interview/contracts/api';

/** Response types the contracts export only as zod schemas: inferred without bundling zod. */
export type QuestionPageBody = ReturnType<(typeof QuestionPage)['parse']>;
export type RegradeAcceptedBody = ReturnType<(typeof RegradeAccepted)['parse']>;
export type TemplateSummaryBody = ReturnType<(typeof TemplateSummary)['parse']>;

/** The seven categories of the seed bank, in the seed's spelling (kept here so the bundle needs no zod). */
export const CATEGORIES: readonly Category[] = [
  'Deep Dive & Troubleshooting',
  'Networking Nuances',
  'Scheduling, Autoscaling, and Performance',
  'State, Storage, and Security',
  'Architecture and Control Plane',
  'Service Mesh & Advanced Networking',
  'Observability & Telemetry',
];

export const isCategory = (s: string | null): s is Category => !!s && (CATEGORIES as readonly string[]).includes(s);

/** Lower-case kebab-case, as the API's Slug schema wants. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
