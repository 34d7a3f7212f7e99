export * from './policy';
export * from './identityKey';
