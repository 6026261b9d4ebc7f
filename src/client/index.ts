export * from './api-client.ts';
export * from './errors.ts';
export * from './recorder.ts';
export * from './redact.ts';
export { closePools } from './pools.ts';
