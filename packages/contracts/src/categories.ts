import { z } from 'zod';

/** The seven categories of the Kubernetes/SRE seed, spelled exactly as the seed does. */
export const CATEGORIES = [
  'Deep Dive & Troubleshooting',
  'Networking Nuances',
  'Scheduling, Autoscaling, and Performance',
  'State, Storage, and Security',
  'Architecture and Control Plane',
  'Service Mesh & Advanced Networking',
  'Observability & Telemetry',
] as const;

export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;
