export * from './advisory-lock';
export * from './client';
export * from './connect';
export * from './migrate';
export * as schema from './schema/index';
