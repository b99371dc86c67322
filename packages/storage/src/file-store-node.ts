// The Node-only entry point `@swarmdrop/storage/file-store`: kept out of index.ts so the browser
// bundle never sees node:fs.
export * from './file-store.ts'
export * from './safe-paths.ts'
export * from './read-across-files.ts'
