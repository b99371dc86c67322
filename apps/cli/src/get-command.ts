import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'

import type { SwarmHandle } from '@swarmdrop/engine'
import type { Metadata, SwarmId } from '@swarmdrop/protocol'
import { filesOf, pieceCount, pieceSize } from '@swarmdrop/protocol'
import { type FileStore, createFileStore, filePathsOf } from '@swarmdrop/storage/file-store'
import { type InboundGate, webCryptoHasher } from '@swarmdrop/webrtc'

import type { Command } from './args.ts'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './args.ts'
import { parseLinkArgument } from './link.ts'
import { createNodePeer } from './node-peer.ts'
import { trackProgress } from './progress.ts'
import type { Reporter } from './records.ts'
import { startSession } from './session.ts'
import { readSidecar, writeSidecar } from './sidecar.ts'
import { verifyOnDisk } from './verify-on-disk.ts'

type GetCommand = Extract<Command, { kind: 'get' }>

/** Without metadata this long after joining, the getter says it is waiting and why (CL-13). */
export const WAITING_NOTICE_MS = 3_000

/**
 * After a peer refuses our password, how long other peers may still accept us before the getter
 * says "wrong password" and exits 1 (SPEC CL-16). Every honest peer of a swarm holds the same
 * password, so one refusal is nearly always the answer; the grace covers a refusal from another
 * getter whose own password is wrong, while the seeder's proof (already on its way: the PBKDF2 key
 * is derived once, before any dial) may still arrive.
 */
export const WRONG_PASSWORD_GRACE_MS = 2_000

/**
 * Verified pieces waiting to be written beyond this shut the inbound gate (SPEC CL-5): a disk
 * slower than the network (writeback throttling on a large file) would otherwise pile pieces up
 * in memory; shut, the engine gets no blocks, so it requests no more and the senders wait.
 */
export const WRITE_BACKLOG_BYTES = 32 * 1024 * 1024

/** The gate over whichever store is current (none before the metadata: always open). */
function diskGate(): { gate: InboundGate; attach(store: FileStore): void } {
  let store: FileStore | null = null
  const waiting = new Set<() => void>()
  return {
    gate: {
      isOpen: () => (store?.pendingWriteBytes() ?? 0) < WRITE_BACKLOG_BYTES,
      onMaybeOpen(callback) {
        waiting.add(callback)
        return () => {
          waiting.delete(callback)
        }
      },
    },
    attach(next) {
      store = next
      next.onWritten(() => {
        for (const callback of [...waiting]) {
          callback()
        }
      })
    },
  }
}

/** Thrown when the output directory cannot be written: exit 1 with a message saying where. */
export class OutputDirError extends Error {
  override readonly name = 'OutputDirError'
}

/** Creates `dir` and proves a file can be written in it, before the swarm is joined (CL-8). */
async function ensureWritable(dir: string): Promise<void> {
  const probe = join(dir, `.swarmdrop-write-test-${process.pid}`)
  try {
    await mkdir(dir, { recursive: true })
    await writeFile(probe, '')
    await rm(probe)
  } catch (error) {
    throw new OutputDirError(`cannot write to ${dir}: ${(error as Error).message}`)
  }
}

/** What the user sees as the download's place: the file, or the folder holding the files. */
function targetOf(metadata: Metadata, dir: string): string {
  return metadata.files === undefined
    ? (filePathsOf(metadata, dir)[0] ?? dir)
    : join(dir, metadata.name)
}

/** A store message an engine ERR_STORE carries, turned into one line for the user (CL-8). */
function storeProblem(message: string, dir: string): string {
  if (/ENOSPC/.test(message)) {
    return `the disk holding ${dir} is full (${message}); what was verified is kept, run the same command again to resume`
  }
  if (/EACCES|EPERM|EROFS|ENOTDIR|EISDIR/.test(message)) {
    return `cannot write to ${dir}: ${message}`
  }
  return message
}

/**
 * `swarmdrop get <link> [-o DIR]` (SPEC CL-1): joins the swarm at the link's tracker, fetches the
 * metadata (or reads the sidecar of an earlier run and re-verifies what is on disk, CL-6), writes
 * verified pieces into the files in place, and exits 0 when complete — or keeps seeding with
 * `--seed`. Throws ProtocolError ERR_BAD_LINK (exit 2) before contacting anything.
 */
export async function runGet(command: GetCommand, reporter: Reporter): Promise<number> {
  const { swarmId, trackerUrl, passwordRequired } = parseLinkArgument(command.link)
  // CL-16: a #2p. link needs the password before anything is contacted; a #2. link takes none.
  if (passwordRequired && command.password === null) {
    reporter.report({
      type: 'error',
      code: 'ERR_PASSWORD_REQUIRED',
      message:
        'this link needs a password (it is a #2p. link): pass it in SWARMDROP_PASSWORD (or with --password)',
    })
    return EXIT_USAGE
  }
  if (!passwordRequired && command.passwordFromFlag) {
    reporter.report({
      type: 'error',
      code: 'ERR_USAGE',
      message: 'this link needs no password (it is a #2. link): drop --password',
    })
    return EXIT_USAGE
  }
  // SWARMDROP_PASSWORD set for other shares is not sent to a #2. swarm (its peers have none).
  const joinOptions =
    passwordRequired && command.password !== null ? { password: command.password } : {}
  const dir = resolve(command.outDir)
  try {
    await ensureWritable(dir)
  } catch (error) {
    reporter.report({ type: 'error', code: 'ERR_OUTPUT_DIR', message: (error as Error).message })
    return EXIT_FAILURE
  }
  let complete = false
  const session = startSession({
    timeoutMs: command.timeoutMs,
    // Ctrl-C after completion (with --seed) ends a finished job: 0; before, the job is not done.
    signalCode: () => (complete ? EXIT_OK : EXIT_FAILURE),
    timeoutCode: EXIT_FAILURE,
  })
  const known = await readSidecar(dir, swarmId, webCryptoHasher)
  const disk = diskGate()
  const peer = createNodePeer({ ...command, trackerUrl, inboundGate: disk.gate })
  const { engine } = peer
  const progress = trackProgress(engine, swarmId, reporter, () => complete)
  let metadata: Metadata | null = null

  // CL-16: refused for a wrong password and accepted by nobody within the grace: say so, exit 1.
  let accepted = false
  let wrongPassword: ReturnType<typeof setTimeout> | null = null
  const onRefused = (): void => {
    if (accepted || wrongPassword !== null) {
      return
    }
    wrongPassword = setTimeout(() => {
      if (!accepted) {
        reporter.report({
          type: 'error',
          code: 'ERR_WRONG_PASSWORD',
          message: 'wrong password: the peers of this link refused it; check it and run again',
        })
        session.end(EXIT_FAILURE, 'wrong password')
      }
    }, WRONG_PASSWORD_GRACE_MS)
  }

  const onMetadata = (m: Metadata, held: readonly number[]): void => {
    metadata = m
    progress.start(m, held)
    reporter.report({
      type: 'metadata',
      name: m.name,
      totalBytes: m.size,
      files: filesOf(m).length,
      path: targetOf(m, dir),
    })
  }
  const finish = (): void => {
    if (complete || metadata === null) {
      return
    }
    complete = true
    reporter.report({
      type: 'done',
      path: targetOf(metadata, dir),
      totalBytes: metadata.size,
      fetchedBytes: progress.fetchedBytes(),
      uploadedBytes: progress.uploadedBytes(),
    })
    if (!command.seed) {
      session.end(EXIT_OK, 'complete')
    }
  }

  engine.onEvent((event) => {
    switch (event.type) {
      case 'tracker-status':
        reporter.report({ type: 'tracker', status: event.status, url: trackerUrl })
        break
      case 'peer-connected':
        if (event.swarmId === swarmId) {
          accepted = true
        }
        break
      case 'peer-refused':
        if (event.swarmId === swarmId && event.reason === 'wrong-password') {
          onRefused()
        }
        break
      case 'metadata':
        if (event.swarmId === swarmId && metadata === null) {
          onMetadata(event.metadata, [])
        }
        break
      case 'complete':
        if (event.swarmId === swarmId) {
          finish()
        }
        break
      case 'error':
        if (event.swarmId === swarmId || event.swarmId === null) {
          const message =
            event.code === 'ERR_STORE' ? storeProblem(event.message, dir) : event.message
          reporter.report({ type: 'error', code: event.code, message })
          if (event.code === 'ERR_STORE') {
            // Full disk, unwritable or refused path: stop; every verified piece is already on disk.
            session.end(EXIT_FAILURE, 'cannot write the download')
          }
        }
        break
      default:
        break
    }
  })

  let handle: SwarmHandle
  if (known !== null) {
    const store = createFileStore(known, dir)
    disk.attach(store)
    let held: number[]
    try {
      held = await verifyOnDisk(known, store, webCryptoHasher)
    } catch (error) {
      await store.close()
      await peer.destroy()
      session.dispose()
      reporter.report({
        type: 'error',
        code: 'ERR_STORE',
        message: storeProblem(String(error), dir),
      })
      return EXIT_FAILURE
    }
    const verifiedBytes = held.reduce((total, index) => total + pieceSize(known, index), 0)
    reporter.report({
      type: 'resume',
      verifiedPieces: held.length,
      pieceCount: pieceCount(known),
      verifiedBytes,
      totalBytes: known.size,
    })
    onMetadata(known, held)
    handle = await engine.resume(known, store, held, joinOptions)
  } else {
    handle = engine.download(
      swarmId,
      (m): FileStore => {
        // Paths are checked (CL-7) and the sidecar written before any file is created.
        filePathsOf(m, dir)
        writeSidecar(dir, swarmId, m)
        const store = createFileStore(m, dir)
        disk.attach(store)
        return store
      },
      joinOptions,
    )
  }
  if (handle.isComplete()) {
    finish()
  }
  const waiting = setTimeout(() => {
    if (metadata === null) {
      reporter.report({
        type: 'waiting',
        message: `waiting for peers: nobody in swarm ${swarmId.slice(0, 12)}… has sent its metadata yet (is the sender still seeding?)`,
      })
    }
  }, WAITING_NOTICE_MS)

  const ending = await session.ended
  clearTimeout(waiting)
  if (wrongPassword !== null) {
    clearTimeout(wrongPassword)
  }
  session.dispose()
  if (ending.external && !complete) {
    if (ending.reason.startsWith('timed out')) {
      reporter.report({
        type: 'error',
        code: 'ERR_TIMEOUT',
        message: `gave up: ${ending.reason}${metadata === null ? ' without finding anyone in the swarm' : ''}`,
      })
    }
  }
  await peer.destroy()
  progress.dispose()
  if (ending.external || !complete) {
    reporter.report({
      type: 'stopped',
      reason: ending.reason,
      verifiedBytes: progress.verifiedBytes(),
      uploadedBytes: progress.uploadedBytes(),
    })
  }
  return ending.code
}

/** For tests: the swarm id a link names. */
export const swarmIdOfLink = (link: string): SwarmId => parseLinkArgument(link).swarmId
