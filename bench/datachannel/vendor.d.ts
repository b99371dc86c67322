// The two simple-peer builds the bench loads; neither ships typings for these entry points.
declare module 'simple-peer/simplepeer.min.js' {
  const Peer: unknown
  export default Peer
}
declare module '@thaunknown/simple-peer' {
  const Peer: unknown
  export default Peer
}
