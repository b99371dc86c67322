#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=65536 node
// glibc's malloc is tuned in the shebang (glibc reads it at process start; SPEC CL-5, bench:cli):
// the JS heap and ArrayBuffers of a get stay under 30 MiB, yet its RSS grew to 460-830 MiB on a
// 1 GiB file. @roamhq/wrtc's threads allocate what the main thread frees (MALLOC_ARENA_MAX=2: no
// arena per thread), and glibc's sliding mmap threshold moved piece buffers (256 KiB-16 MiB) into
// the heap, where freed ones fragment and are never returned (a fixed 64 KiB threshold keeps them
// mmapped, returned on free). Together: 113-144 MiB flat.
// The `swarmdrop` bin: runs the TypeScript sources through tsx, so `npx swarmdrop` works right
// after `npm install` with no build step (the workspace packages resolve to their src, as in the
// tests). tsx's ESM hook is registered before the entry point is imported.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/main.ts')
process.exitCode = await main(process.argv.slice(2))
