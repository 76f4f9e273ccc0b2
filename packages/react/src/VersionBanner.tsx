import type { ReactNode } from 'react'
import { describeWhen, type VersionPreview } from './useVersionPreview.ts'

type Props<T> = {
  preview: VersionPreview<T>
  /** "sheet", "canvas", "project": what is restored. */
  noun: string
  /** The app's own actions on the past version (bring back a row, restore one file). */
  children?: ReactNode
}

/**
 * The bar above a past version on screen: says it is a past version and read-only, restores it
 * for everyone, or goes back to the live document.
 */
export function VersionBanner<T>({ preview, noun, children }: Props<T>) {
  const { viewing, loading, error, busy } = preview
  if (!viewing && !loading && !error) return null
  return (
    <section className="version-banner" aria-label="Past version" data-testid="version-banner">
      <p>
        {viewing ? (
          <>
            <b>Viewing version of {describeWhen(viewing.session)}</b> — read-only
          </>
        ) : loading ? (
          <>Loading the version of {describeWhen(loading)}…</>
        ) : null}
      </p>
      {viewing && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void preview.restore()}
          data-testid="restore-version"
        >
          {busy ? 'Restoring…' : `Restore this ${noun}`}
        </button>
      )}
      {children}
      <button type="button" onClick={preview.close} data-testid="back-to-live">
        Back to live
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
