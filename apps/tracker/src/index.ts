export * from './create-server.ts'
export * from './ice-settings.ts'
export * from './redis-process.ts'
