/**
 * What the CLI reports, one value per fact (SPEC CL-4): `--json` prints each as one JSON line,
 * a person sees it rendered by human-output.ts. Scripts match on `type`.
 */
export type CliRecord =
  | { type: 'hashing'; hashedBytes: number; totalBytes: number }
  | { type: 'link'; url: string; swarmId: string; name: string; totalBytes: number }
  | { type: 'tracker'; status: 'connecting' | 'connected' | 'reconnecting'; url: string }
  | { type: 'waiting'; message: string }
  | { type: 'metadata'; name: string; totalBytes: number; files: number; path: string }
  | {
      type: 'resume'
      verifiedPieces: number
      pieceCount: number
      verifiedBytes: number
      totalBytes: number
    }
  | {
      type: 'progress'
      seeding: boolean
      verifiedBytes: number
      totalBytes: number
      /** Piece payload received and verified in this run (resume: only what was fetched again). */
      downloadedBytes: number
      uploadedBytes: number
      downBps: number
      upBps: number
      peers: number
    }
  | { type: 'peers'; peers: number }
  | {
      type: 'done'
      path: string
      totalBytes: number
      /** Bytes fetched from peers in this run: the rest was already verified on disk. */
      fetchedBytes: number
      uploadedBytes: number
    }
  | { type: 'stopped'; reason: string; verifiedBytes: number; uploadedBytes: number }
  | { type: 'error'; code: string; message: string }

/** Where records go. */
export interface Reporter {
  report(record: CliRecord): void
  /** A line only a person wants (the QR code, a hint); dropped by --json and --quiet. */
  note(text: string): void
  /** Ends the live line, so the shell prompt starts on a fresh line. */
  close(): void
}
