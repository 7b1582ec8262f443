export * from './answers';
export * from './bank';
export * from './grades';
export * from './interviews';
export * from './namespace';
export * from './orgs';
export * from './review';
export * from './rubrics';
