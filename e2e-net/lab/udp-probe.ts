// A tiny UDP tool the lab runs inside namespaces to see what a NAT does to a home's packets:
//   reflect <address> <port>…             answers every datagram with "<source address>:<port>"
//   probe <address> <localPort> <port>…   from one local port, asks each reflector port and
//                                         prints {"mapped":["a:p",…]} (null where none answered)
// Run: ip netns exec <ns> node --import tsx e2e-net/lab/udp-probe.ts …
import { type Socket, createSocket } from 'node:dgram'

/** A reflector answers at once; anything later is a dropped packet. */
const ANSWER_TIMEOUT_MS = 1_000

function bind(socket: Socket, port: number, address?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(port, address, () => resolve())
  })
}

async function reflect(address: string, ports: readonly number[]): Promise<void> {
  for (const port of ports) {
    const socket = createSocket('udp4')
    socket.on('message', (_message, from) => {
      socket.send(`${from.address}:${from.port}`, from.port, from.address)
    })
    await bind(socket, port, address)
  }
  console.log('ready')
}

/** Asks one reflector port what source it saw; null when nothing comes back in time. */
function ask(socket: Socket, address: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.off('message', onMessage)
      resolve(null)
    }, ANSWER_TIMEOUT_MS)
    function onMessage(message: Buffer, from: { address: string; port: number }): void {
      if (from.address === address && from.port === port) {
        clearTimeout(timer)
        socket.off('message', onMessage)
        resolve(message.toString('utf8'))
      }
    }
    socket.on('message', onMessage)
    socket.send('?', port, address)
  })
}

async function probe(address: string, localPort: number, ports: readonly number[]): Promise<void> {
  const socket = createSocket('udp4')
  await bind(socket, localPort)
  const mapped: (string | null)[] = []
  // One after the other: each destination is a new flow through the NAT.
  for (const port of ports) {
    mapped.push(await ask(socket, address, port))
  }
  console.log(JSON.stringify({ mapped }))
  socket.close()
}

const [mode, address, ...rest] = process.argv.slice(2)
const numbers = rest.map(Number)
if (mode === 'reflect' && address !== undefined) {
  await reflect(address, numbers)
} else if (mode === 'probe' && address !== undefined && numbers.length >= 2) {
  const [localPort = 0, ...ports] = numbers
  await probe(address, localPort, ports)
} else {
  console.error(
    'usage: udp-probe.ts reflect <address> <port>… | probe <address> <localPort> <port>…',
  )
  process.exit(2)
}
