export * from './backend';
export * from './runtime';
