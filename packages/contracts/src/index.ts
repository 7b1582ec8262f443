export * from './categories';
export * from './grade';
export * from './jobs';
export * from './question';
export * from './rubric';
