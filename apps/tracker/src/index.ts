export * from './create-server.ts'
export * from './ice-settings.ts'
