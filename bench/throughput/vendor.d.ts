// bittorrent-tracker ships no typings; this is the part of its server the bench uses. The bench
// imports the server alone: the package's index also loads its client, whose WebRTC polyfill
// needs node-datachannel, which this repo stubs out (docs/adr/0002-simple-peer-flavour.md).
declare module 'bittorrent-tracker/server' {
  import type { Server as HttpServer } from 'node:http'

  export default class Server {
    constructor(options: { udp?: boolean; http?: boolean; ws?: boolean; stats?: boolean })
    readonly http: HttpServer
    listen(port: number, hostname: string, onListening: () => void): void
    once(event: 'error', listener: (error: Error) => void): this
    close(callback: () => void): void
  }
}
