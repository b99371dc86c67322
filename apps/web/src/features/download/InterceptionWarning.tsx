/** Props of InterceptionWarning. */
export interface InterceptionWarningProps {
  /** Connections refused because their link proof failed (SPEC PL-6). */
  readonly proofFailures: number
}

/**
 * Warns that a connection failed the link check (SPEC PL-6): a peer without the link, or someone
 * between the two browsers (a hostile tracker or relay). Nothing was sent over that connection.
 * Shown on the seeding and download views; renders nothing while every connection passed.
 */
export function InterceptionWarning({ proofFailures }: InterceptionWarningProps) {
  if (proofFailures === 0) {
    return null
  }
  return (
    <section
      className="card notice warning"
      role="alert"
      data-testid="interception-warning"
      data-count={proofFailures}
    >
      <p>
        <strong>Someone may be intercepting your connection.</strong>{' '}
        {proofFailures === 1 ? 'A connection' : `${proofFailures} connections`} failed the link
        check and {proofFailures === 1 ? 'was' : 'were'} refused before anything was sent. The
        tracker or a relay between you may be hostile; try another network, or share the link again
        through another channel.
      </p>
    </section>
  )
}
