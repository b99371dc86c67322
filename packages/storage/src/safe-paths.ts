import { isAbsolute, join, relative, resolve } from 'node:path'

import type { Metadata } from '@swarmdrop/protocol'
import { filesOf } from '@swarmdrop/protocol'

/** Why a swarm's path cannot be written below the target directory. */
export class UnsafePathError extends Error {
  readonly code = 'ERR_UNSAFE_PATH'

  constructor(message: string) {
    super(message)
    this.name = 'UnsafePathError'
  }
}

/** A segment MD-8 allows: not empty, not . or .., no separator, no NUL or other control. */
function isPlainSegment(segment: string): boolean {
  return (
    segment.length > 0 &&
    segment !== '.' &&
    segment !== '..' &&
    // eslint-disable-next-line no-control-regex
    !/[/\\\u0000-\u001f\u007f]/.test(segment)
  )
}

/**
 * Where each file of the swarm goes below `root` (SPEC CL-7): a single file as `root/<name>`, a
 * folder as `root/<name>/<path…>`. The metadata codec already refuses such paths from a peer
 * (SPEC MD-8); this is the second lock on the door, checked where the path meets the disk, so a
 * codec bug can never write outside `root`. Throws UnsafePathError.
 */
export function filePathsOf(
  metadata: Pick<Metadata, 'name' | 'size' | 'files'>,
  root: string,
): string[] {
  const base = resolve(root)
  const prefix = metadata.files === undefined ? [] : [metadata.name]
  return filesOf(metadata).map((file) => {
    const segments = [...prefix, ...file.path]
    const bad = segments.find((segment) => !isPlainSegment(segment))
    if (bad !== undefined) {
      throw new UnsafePathError(
        `refusing the path "${segments.join('/')}": the segment "${bad}" could leave ${base}`,
      )
    }
    const path = join(base, ...segments)
    const inside = relative(base, path)
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      throw new UnsafePathError(`refusing the path "${segments.join('/')}": it leaves ${base}`)
    }
    return path
  })
}
