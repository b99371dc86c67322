import { describeChunkStoreContract } from './chunk-store-contract.ts'
import { createMemoryStore } from './memory-store.ts'

describeChunkStoreContract('memory', createMemoryStore)
