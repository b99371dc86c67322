export * from './config.ts'
export * from './engine.ts'
export * from './events.ts'
export * from './interfaces.ts'
