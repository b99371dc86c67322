import { createHash } from 'node:crypto'

import type { SimResult } from './run-swarm.ts'
import { runSwarm } from './run-swarm.ts'
import { PIECE_BYTES } from './scenarios.ts'

/**
 * `npm run bench:sim:fingerprint -- N×P …`: runs scenario 1's textbook swarm for each N peers ×
 * P pieces and prints a hash of every `SimResult` field but wall time, plus the CPU spent and µs
 * per delivered message, so a change to the simulator's speed can show that its results stayed
 * identical. Seed from `SIM_SEED` (1).
 *
 * The script gives Node a 128 MiB young generation (`--max-semi-space-size=128`, as bench:sim
 * does): a simulation allocates a frame and a message per wire message that die within an
 * instant, and the default 16 MiB semi-space promotes many of them to the old generation, whose
 * collections grow with the swarm's live heap. Measured on 300 × 300: 68.1 s of CPU by default,
 * 61.5 s at 32 MiB, 52.4 s at 128 MiB, the same fingerprint each time; `--single-threaded-gc`
 * saved nothing.
 */
const seed = Number(process.env['SIM_SEED'] ?? '1')
const runs = process.argv.slice(2).map((arg) => arg.split(/[x×]/).map(Number) as [number, number])

const fingerprint = (result: SimResult): string => {
  const { wallMs: _wall, ...rest } = result
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 16)
}

for (const [n, pieceCount] of runs) {
  const u = (pieceCount * PIECE_BYTES) / 3600
  const cpu = process.cpuUsage()
  const result = await runSwarm({
    seed,
    pieceCount,
    pieceBytes: PIECE_BYTES,
    seeder: { uploadBps: 10 * u },
    peers: Array.from({ length: n }, () => ({ uploadBps: u })),
  })
  const used = process.cpuUsage(cpu)
  const cpuS = (used.user + used.system) / 1e6
  console.log(
    `${n}x${pieceCount} seed ${seed}: ${fingerprint(result)} makespan ${result.makespanMs} ms, ` +
      `${result.messages} messages, cpu ${cpuS.toFixed(1)} s, ` +
      `${((cpuS * 1e6) / result.messages).toFixed(2)} µs/message`,
  )
}
