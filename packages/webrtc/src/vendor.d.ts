// @thaunknown/simple-peer ships no typings; the transport types what it uses itself
// (simple-peer-types.ts).
declare module '@thaunknown/simple-peer' {
  const SimplePeer: unknown
  export default SimplePeer
}
