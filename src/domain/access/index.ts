export * from './policy';
export * from './identityKey';
export * from './target';
