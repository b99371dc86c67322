export * from './assemble-blob.ts'
export * from './blob-store.ts'
export * from './memory-store.ts'
export * from './opfs-store.ts'
