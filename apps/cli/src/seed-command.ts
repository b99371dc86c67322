import { encodeMetadata, pieceCount, swarmIdOf } from '@swarmdrop/protocol'
import { openSeedFiles } from '@swarmdrop/storage/file-store'
import { webCryptoHasher } from '@swarmdrop/webrtc'
import QRCode from 'qrcode'

import type { Command } from './args.ts'
import { EXIT_FAILURE, EXIT_OK } from './args.ts'
import { hashFiles } from './hash-files.ts'
import { buildShareLink } from './link.ts'
import { createNodePeer } from './node-peer.ts'
import { selectPaths } from './pick-paths.ts'
import { trackProgress } from './progress.ts'
import type { Reporter } from './records.ts'
import { shareSalt, stateDir } from './salt-store.ts'
import { startSession } from './session.ts'

type SeedCommand = Extract<Command, { kind: 'seed' }>

/**
 * `swarmdrop seed <path>…` (SPEC CL-1): hashes with a progress bar, prints the share link and its
 * QR code, then seeds with a live status line until Ctrl-C (exit 0) or `--timeout` (exit 0: the
 * seeding time asked for is over). Throws UsageError for paths that cannot be shared.
 */
export async function runSeed(command: SeedCommand, reporter: Reporter): Promise<number> {
  const selection = await selectPaths(command.paths)
  // CL-15: a salt, so the link does not follow from the files alone; the same one as last time
  // for the same unchanged files, unless --new-link.
  const { salt, warning } = await shareSalt(selection.files, webCryptoHasher, {
    dir: stateDir(process.env),
    fresh: command.newLink,
  })
  if (warning !== null) {
    process.stderr.write(`warning: ${warning}\n`)
  }
  const description = { ...selection.description, salt }
  const session = startSession({
    timeoutMs: command.timeoutMs,
    signalCode: () => EXIT_OK,
    timeoutCode: EXIT_OK,
  })
  const metadata = await Promise.race([
    hashFiles(description, selection.paths, webCryptoHasher, (hashedBytes) =>
      reporter.report({ type: 'hashing', hashedBytes, totalBytes: description.size }),
    ),
    session.ended.then(() => null),
  ])
  if (metadata === null) {
    session.dispose()
    return (await session.ended).code
  }
  reporter.report({ type: 'hashing', hashedBytes: description.size, totalBytes: description.size })
  const swarmId = await swarmIdOf(encodeMetadata(metadata), webCryptoHasher)
  const password = command.password
  const url = buildShareLink(command.trackerUrl, { swarmId, passwordRequired: password !== null })
  reporter.report({ type: 'link', url, swarmId, name: metadata.name, totalBytes: metadata.size })
  reporter.note(await QRCode.toString(url, { type: 'terminal', small: true }))

  const peer = createNodePeer(command)
  const progress = trackProgress(peer.engine, swarmId, reporter, () => true)
  progress.start(
    metadata,
    Array.from({ length: pieceCount(metadata) }, (_, i) => i),
  )
  peer.engine.onEvent((event) => {
    if (event.type === 'tracker-status') {
      reporter.report({ type: 'tracker', status: event.status, url: command.trackerUrl })
    } else if (event.type === 'error' && (event.swarmId === swarmId || event.swarmId === null)) {
      reporter.report({ type: 'error', code: event.code, message: event.message })
      if (event.code === 'ERR_STORE') {
        // A seeded file changed or vanished: serving it further would only serve bad pieces.
        session.end(EXIT_FAILURE, 'a seeded file cannot be read')
      }
    }
  })
  await peer.engine.seed(
    metadata,
    openSeedFiles(metadata, selection.paths),
    password === null ? {} : { password },
  )
  const ending = await session.ended
  session.dispose()
  progress.dispose()
  await peer.destroy()
  reporter.report({
    type: 'stopped',
    reason: ending.reason,
    verifiedBytes: metadata.size,
    uploadedBytes: progress.uploadedBytes(),
  })
  return ending.code
}
