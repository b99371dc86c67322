// A small internet of Linux network namespaces (issue #12, point 8):
//
//   sdl-app 198.18.0.2 (tracker + web app) ─┐
//   sdl-turn 198.18.0.3 (coturn)           ─┼─ bridge in sdl-inet ("the internet", 198.18.0.0/16)
//   sdl-r<i> wan 198.18.1.<i>              ─┘
//     └ NAT router; lan 10.77.<i>.1 ── sdl-h<i> eth0 10.77.<i>.2 (one home, one Chromium)
//
// Every name starts with `sdl-` and every address is in 198.18.0.0/15 (RFC 2544 benchmarking) or
// 10.77.0.0/16, so nothing clashes with the host; nothing is ever added to the root namespace.
// The routers' rules are iptables (nft backend), per namespace.
import { run, runIn, tryRun, tryRunIn } from './shell.ts'

/** Every namespace the lab creates starts with this; leftovers of a crashed run are found by it. */
export const LAB_NS_PREFIX = 'sdl-'
const INTERNET_NS = `${LAB_NS_PREFIX}inet`
const BRIDGE = 'net0'
const INTERNET_PREFIX_BITS = 16
/** Homes are numbered from 1; the last octet of the router's WAN and the third of its LAN. */
export const MAX_HOMES = 250

/** A machine on the internet side with one public address. */
export interface Host {
  readonly ns: string
  readonly address: string
}

/** Where `npm start` runs (tracker + web build). */
export const APP_HOST: Host = { ns: `${LAB_NS_PREFIX}app`, address: '198.18.0.2' }
/** Where coturn runs; it answers STUN on the same port. */
export const TURN_HOST: Host = { ns: `${LAB_NS_PREFIX}turn`, address: '198.18.0.3' }

/**
 * How a home's router treats traffic:
 * - `port-preserving`: MASQUERADE keeps the source port (endpoint-independent mapping), so STUN
 *   alone lets two homes punch through;
 * - `symmetric`: MASQUERADE --random-fully, a new port for every destination, so a STUN mapping
 *   is useless to a peer and only TURN gets through;
 * - `udp-blocked`: port-preserving but drops every outbound UDP packet (a corporate firewall):
 *   only TURN over TCP gets out.
 */
export type NatKind = 'port-preserving' | 'symmetric' | 'udp-blocked'

/** One home: a NAT router namespace and the home namespace behind it. */
export interface Home {
  readonly index: number
  readonly nat: NatKind
  /** Where this home's Chromium runs. */
  readonly ns: string
  readonly routerNs: string
  /** The home's own (private) address. */
  readonly lanAddress: string
  /** The router's public address: what the internet sees of this home. */
  readonly wanAddress: string
}

const ip = (args: readonly string[]) => run('ip', args)

/** Namespaces whose name starts with the lab prefix. */
async function labNamespaces(): Promise<string[]> {
  const { stdout } = await run('ip', ['netns', 'list'])
  return stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(LAB_NS_PREFIX))
}

/** Kills whatever still runs in a lab namespace (only the lab starts processes there). */
async function killProcessesIn(ns: string): Promise<void> {
  const { stdout } = await tryRun('ip', ['netns', 'pids', ns])
  for (const pid of stdout
    .split('\n')
    .map(Number)
    .filter((p) => Number.isInteger(p) && p > 0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}

/** Deletes one namespace and everything in it (its veth ends go with it). Idempotent. */
async function removeNamespace(ns: string): Promise<void> {
  await killProcessesIn(ns)
  await tryRun('ip', ['netns', 'del', ns])
}

/**
 * Removes every lab namespace, with the processes in it, whether this run or a crashed one made
 * it. The veth pairs and bridge live only inside them, so nothing is left behind.
 */
export async function removeLab(): Promise<void> {
  for (const ns of await labNamespaces()) {
    await removeNamespace(ns)
  }
}

/** A fresh namespace with loopback up and IPv6 off, so every candidate is one IPv4 address. */
async function addNamespace(ns: string): Promise<void> {
  await ip(['netns', 'add', ns])
  await ip(['-n', ns, 'link', 'set', 'lo', 'up'])
  // Without IPv6 the kernel may lack the sysctl: then there is nothing to turn off.
  await tryRunIn(ns, 'sysctl', ['-qw', 'net.ipv6.conf.all.disable_ipv6=1'])
  await tryRunIn(ns, 'sysctl', ['-qw', 'net.ipv6.conf.default.disable_ipv6=1'])
}

/** Plugs `ns` into the internet bridge through a veth pair, `port` on the bridge side. */
async function plugIntoInternet(
  ns: string,
  port: string,
  device: string,
  address: string,
): Promise<void> {
  await ip([
    'link',
    'add',
    port,
    'netns',
    INTERNET_NS,
    'type',
    'veth',
    'peer',
    'name',
    device,
    'netns',
    ns,
  ])
  await ip(['-n', INTERNET_NS, 'link', 'set', port, 'master', BRIDGE, 'up'])
  await ip(['-n', ns, 'addr', 'add', `${address}/${INTERNET_PREFIX_BITS}`, 'dev', device])
  await ip(['-n', ns, 'link', 'set', device, 'up'])
}

/** Creates the internet: its bridge, the app host and the TURN host. Call removeLab first. */
export async function createInternet(): Promise<void> {
  await addNamespace(INTERNET_NS)
  await ip(['-n', INTERNET_NS, 'link', 'add', 'name', BRIDGE, 'type', 'bridge'])
  await ip(['-n', INTERNET_NS, 'link', 'set', BRIDGE, 'up'])
  for (const [host, port] of [
    [APP_HOST, 'app0'],
    [TURN_HOST, 'turn0'],
  ] as const) {
    await addNamespace(host.ns)
    await plugIntoInternet(host.ns, port, 'eth0', host.address)
  }
}

/**
 * Router rules. The INPUT rule is what makes hole punching work on Linux: a peer's early check
 * arriving before our own packet would otherwise be confirmed by conntrack as a flow of its own,
 * and our packet to that peer would then get another source port. Dropping unsolicited packets
 * before conntrack confirms them keeps the mapping the STUN server saw.
 */
function routerRules(nat: NatKind): string[][] {
  const masquerade = ['-t', 'nat', '-A', 'POSTROUTING', '-o', 'wan', '-j', 'MASQUERADE']
  const rules = [
    nat === 'symmetric' ? [...masquerade, '--random-fully'] : masquerade,
    ['-A', 'INPUT', '-i', 'wan', '-m', 'conntrack', '--ctstate', 'NEW', '-j', 'DROP'],
    [
      '-A',
      'FORWARD',
      '-i',
      'wan',
      '-o',
      'lan',
      '-m',
      'conntrack',
      '--ctstate',
      'ESTABLISHED,RELATED',
      '-j',
      'ACCEPT',
    ],
    ['-A', 'FORWARD', '-i', 'wan', '-o', 'lan', '-j', 'DROP'],
  ]
  if (nat === 'udp-blocked') {
    rules.push(['-A', 'FORWARD', '-i', 'lan', '-o', 'wan', '-p', 'udp', '-j', 'DROP'])
  }
  rules.push(['-A', 'FORWARD', '-i', 'lan', '-o', 'wan', '-j', 'ACCEPT'])
  return rules
}

/** Creates home `index` (1…MAX_HOMES) behind its own router of the given kind. */
export async function createHome(index: number, nat: NatKind): Promise<Home> {
  if (!Number.isInteger(index) || index < 1 || index > MAX_HOMES) {
    throw new RangeError(`home index ${index} is not in 1…${MAX_HOMES}`)
  }
  const home: Home = {
    index,
    nat,
    ns: `${LAB_NS_PREFIX}h${index}`,
    routerNs: `${LAB_NS_PREFIX}r${index}`,
    lanAddress: `10.77.${index}.2`,
    wanAddress: `198.18.1.${index}`,
  }
  const routerLan = `10.77.${index}.1`
  await addNamespace(home.routerNs)
  await addNamespace(home.ns)
  await plugIntoInternet(home.routerNs, `r${index}`, 'wan', home.wanAddress)
  await ip([
    'link',
    'add',
    'lan',
    'netns',
    home.routerNs,
    'type',
    'veth',
    'peer',
    'name',
    'eth0',
    'netns',
    home.ns,
  ])
  await ip(['-n', home.routerNs, 'addr', 'add', `${routerLan}/24`, 'dev', 'lan'])
  await ip(['-n', home.routerNs, 'link', 'set', 'lan', 'up'])
  await ip(['-n', home.ns, 'addr', 'add', `${home.lanAddress}/24`, 'dev', 'eth0'])
  await ip(['-n', home.ns, 'link', 'set', 'eth0', 'up'])
  await ip(['-n', home.ns, 'route', 'add', 'default', 'via', routerLan])
  await runIn(home.routerNs, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1'])
  for (const rule of routerRules(nat)) {
    await runIn(home.routerNs, 'iptables', rule)
  }
  return home
}

/** Removes a home and its router, with anything still running in them. */
export async function removeHome(home: Home): Promise<void> {
  await removeNamespace(home.ns)
  await removeNamespace(home.routerNs)
}

/** Cuts a home off (or reconnects it): while on, its router forwards nothing either way. */
export async function setBlackout(home: Home, on: boolean): Promise<void> {
  // Inserted first, so it wins over every accept; deleted by the same spec.
  const rule = on ? ['-I', 'FORWARD', '1', '-j', 'DROP'] : ['-D', 'FORWARD', '-j', 'DROP']
  await runIn(home.routerNs, 'iptables', rule)
}

/**
 * Caps the home's uplink at `bytesPerSecond` with a token bucket on the router's WAN egress, as an
 * access link would (the kernel here has tbf and htb but no netem).
 */
export async function shapeUplink(home: Home, bytesPerSecond: number): Promise<void> {
  const bitsPerSecond = Math.round(bytesPerSecond * 8)
  // The bucket must hold at least one timer tick's worth of bytes, and a few full-size packets.
  const burstBytes = Math.max(32 * 1024, Math.ceil(bytesPerSecond / 50))
  await runIn(home.routerNs, 'tc', [
    'qdisc',
    'replace',
    'dev',
    'wan',
    'root',
    'tbf',
    'rate',
    `${bitsPerSecond}bit`,
    'burst',
    String(burstBytes),
    'latency',
    '100ms',
  ])
}
