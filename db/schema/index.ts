import 'server-only';
export * from './org';
export * from './codebook';
export * from './budget';
export * from './performance';
export * from './review';
export * from './render';
export * from './checker';
export * from './notices';
