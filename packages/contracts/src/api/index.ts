export * from './auth';
export * from './common';
export * from './interviews';
export * from './room';
