export * from './auth';
export * from './common';
export * from './interviews';
export * from './review';
export * from './room';
export * from './rubrics';
export * from './templates';
