export * from './categories';
export * from './events';
export * from './grade';
export * from './jobs';
export * from './question';
export * from './rubric';
