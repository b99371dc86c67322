export * from './create-server.ts'
