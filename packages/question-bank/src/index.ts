export * from './import';
export * from './load';
