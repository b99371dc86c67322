#!/usr/bin/env node
// The `swarmdrop` bin: runs the TypeScript sources through tsx, so `npx swarmdrop` works right
// after `npm install` with no build step (the workspace packages resolve to their src, as in the
// tests). tsx's ESM hook is registered before the entry point is imported.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/main.ts')
process.exitCode = await main(process.argv.slice(2))
