/** The narrow logging surface the worker needs (pino and Fastify's logger both satisfy it). */
export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
