export * from './events.ts'
export * from './swarm-registry.ts'
export * from './validate.ts'
export * from './ice-url.ts'
