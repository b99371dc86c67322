import type { PieceIndex } from '../ids.ts'

/**
 * Every message of Swarmdrop's wire protocol (docs/SPEC.md §WR). One frame is
 * `<u32 length><u8 id><payload>`; length counts id + payload; length 0 is a keep-alive. A
 * data-channel message carries one or more whole frames back to back (WR-1, wire/batch.ts).
 * All integers are big-endian.
 */
export type WireMessage =
  /** keep-alive: <len=0000> */
  | { type: 'keep-alive' }
  /**
   * handshake: <len><id=20><"SWD3"><u8 flags><32-byte nonce><u8 n><n bytes peer id, ASCII>.
   * flags bit 0 = sender holds the metadata. The nonce is fresh per connection (SPEC PL-3);
   * nothing in it names the swarm, which both ends already agree on through the discovery id.
   */
  | { type: 'handshake'; nonce: Uint8Array; peerId: string; hasMetadata: boolean }
  /**
   * proof: <len><id=24><32-byte link proof>[<32-byte password proof>] (SPEC PL-4, PL-5): the
   * password proof is there exactly when the sender has a password for the swarm.
   */
  | { type: 'proof'; link: Uint8Array; password: Uint8Array | null }
  /** choke: <len=0001><id=0> */
  | { type: 'choke' }
  /** unchoke: <len=0001><id=1> */
  | { type: 'unchoke' }
  /** interested: <len=0001><id=2> */
  | { type: 'interested' }
  /** not interested: <len=0001><id=3> */
  | { type: 'not-interested' }
  /** have: <len=0005><id=4><u32 piece index> */
  | { type: 'have'; index: PieceIndex }
  /** bitfield: <len=0001+X><id=5><bitfield bytes> */
  | { type: 'bitfield'; bytes: Uint8Array }
  /** request: <len=0013><id=6><u32 index><u32 begin><u32 length> */
  | { type: 'request'; index: PieceIndex; begin: number; length: number }
  /**
   * urgent request: <len=0013><id=25><u32 index><u32 begin><u32 length>: a request for a block
   * the sender's player needs soon (SPEC ST-11), which the uploader may send ahead of others.
   */
  | { type: 'urgent-request'; index: PieceIndex; begin: number; length: number }
  /** piece: <len=0009+X><id=7><u32 index><u32 begin><block> */
  | { type: 'piece'; index: PieceIndex; begin: number; block: Uint8Array }
  /** cancel: <len=0013><id=8><u32 index><u32 begin><u32 length> */
  | { type: 'cancel'; index: PieceIndex; begin: number; length: number }
  /** metadata request: <len=0005><id=21><u32 chunk index> */
  | { type: 'metadata-request'; chunk: number }
  /** metadata data: <len=0009+X><id=22><u32 chunk index><u32 total metadata size><bytes> */
  | { type: 'metadata-data'; chunk: number; totalSize: number; data: Uint8Array }
  /** metadata reject: <len=0005><id=23><u32 chunk index> */
  | { type: 'metadata-reject'; chunk: number }

/** The `type` tags of WireMessage. */
export type WireMessageType = WireMessage['type']

/** The message of a given type. */
export type WireMessageOf<T extends WireMessageType> = Extract<WireMessage, { type: T }>
