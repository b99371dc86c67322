/** Props of BadLinkPage. */
export interface BadLinkPageProps {
  /** Why the link was refused, from the link parser. */
  readonly reason: string
}

/** Shown for a malformed share link; nothing has been contacted (SPEC MD-5). */
export function BadLinkPage({ reason }: BadLinkPageProps) {
  return (
    <section className="card" aria-labelledby="bad-link-title">
      <h1 id="bad-link-title">This link is not a Swarmdrop link</h1>
      <p>
        A Swarmdrop link ends in <code>#</code> followed by 64 characters (digits and the letters
        a–f). Check that the whole link was copied.
      </p>
      <p className="muted">{reason}</p>
      <p>
        <a className="button" href="#">
          Share a file instead
        </a>
      </p>
    </section>
  )
}
