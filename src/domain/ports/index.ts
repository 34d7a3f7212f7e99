/**
 * Ports: what the services need from storage and the outside world, as plain data, one file per topic.
 * Implemented in src/infrastructure; nothing here knows about Prisma or botbuilder. This barrel lets a
 * caller import every port from one place; new code may import the topic file directly.
 */
export * from '../model';
export * from './selfCheck';
export * from './access';
export * from './outbox';
export * from './reminders';
export * from './dashboard';
export * from './exportSource';
export * from './clock';
export * from './rateLimits';
export type * from './delivery';
export type * from './exports';
export * from './membership';
export type * from './demo';
export * from './audit';
export type * from './comparisons';
