// What the lab's own tests ask of the network, without a browser: the source address a NAT gives
// a home's UDP flows, and whether coturn answers STUN and allocates relays from a home.
import { fileURLToPath } from 'node:url'

import { APP_HOST, type Home, TURN_HOST } from './network.ts'
import { type LabProcess, TURN_PORT, mintTurnCredential, startIn } from './servers.ts'
import { type CommandResult, runIn, tryRunIn } from './shell.ts'

const UDP_PROBE = fileURLToPath(new URL('./udp-probe.ts', import.meta.url))
/** Two reflector ports on the app host: two destinations, so two flows through a NAT. */
export const REFLECTOR_PORTS = [40_001, 40_002] as const
/** turnutils_uclient sends a few messages through its relay; it is done in seconds. */
const UCLIENT_TIMEOUT_MS = 30_000

/** Starts the UDP reflector on the app host. */
export function startReflector(): Promise<LabProcess> {
  return startIn(
    'udp reflector',
    APP_HOST,
    process.execPath,
    ['--import', 'tsx', UDP_PROBE, 'reflect', APP_HOST.address, ...REFLECTOR_PORTS.map(String)],
    process.env,
    (output) => output.includes('ready'),
  )
}

/**
 * From one UDP port in `home`, asks both reflector ports what source they saw.
 * @returns one `address:port` per reflector port, null where no answer came
 */
export async function mappedAddresses(home: Home, localPort: number): Promise<(string | null)[]> {
  const { stdout } = await runIn(home.ns, process.execPath, [
    '--import',
    'tsx',
    UDP_PROBE,
    'probe',
    APP_HOST.address,
    String(localPort),
    ...REFLECTOR_PORTS.map(String),
  ])
  const parsed = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { mapped?: unknown }
  if (!Array.isArray(parsed.mapped)) {
    throw new Error(`udp probe printed no mapping: ${stdout}`)
  }
  return parsed.mapped.map((entry) => (typeof entry === 'string' ? entry : null))
}

/** coturn answers a binding request on the lab's bridge in milliseconds. */
const STUN_TIMEOUT_MS = 2_000

/** The reflexive address coturn's STUN reports to `home`, or null when it does not answer. */
export async function stunReflexiveAddress(home: Home): Promise<string | null> {
  const result = await tryRunIn(
    home.ns,
    'turnutils_stunclient',
    ['-p', String(TURN_PORT), TURN_HOST.address],
    STUN_TIMEOUT_MS,
  )
  return /UDP reflexive addr: (\S+)/.exec(result.stdout + result.stderr)?.[1] ?? null
}

/**
 * Allocates a relay on coturn from `home` with a TURN REST credential (minted from `secret`) and
 * sends a few messages through it to a second allocation of its own (`turnutils_uclient -y`).
 */
export async function turnRoundTrip(
  home: Home,
  transport: 'udp' | 'tcp',
  secret: string,
): Promise<CommandResult> {
  const { username, credential } = mintTurnCredential(secret, `lab-${home.ns}`, 600)
  return tryRunIn(
    home.ns,
    'turnutils_uclient',
    [
      ...(transport === 'tcp' ? ['-t'] : []),
      '-y',
      '-u',
      username,
      '-w',
      credential,
      '-n',
      '2',
      '-m',
      '1',
      '-l',
      '100',
      '-p',
      String(TURN_PORT),
      TURN_HOST.address,
    ],
    UCLIENT_TIMEOUT_MS,
  )
}
