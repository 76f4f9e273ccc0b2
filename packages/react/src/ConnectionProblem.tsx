import type { ConnectionStatus } from '@weft/client'
import type { ReactNode } from 'react'

/**
 * What the page shows while the document cannot be shown: the app's "Loading…" text, or, once
 * the server has refused or cannot be reached, why in words and what to do (the top bar's badge
 * says it too, but the page must not sit on "Loading…" as if it were coming).
 */
export function ConnectionProblem({
  status,
  loading,
}: {
  status: ConnectionStatus
  loading: ReactNode
}) {
  if (!status.problem) return <>{loading}</>
  const [what, nextStep] = splitWords(status.problem)
  return (
    <div className="connection-problem" role="alert" data-testid="connection-problem">
      <h2>This document cannot be opened right now</h2>
      <p>{capitalize(what)}.</p>
      {nextStep && <p>{nextStep}.</p>}
      <p>
        <button type="button" onClick={() => location.reload()}>
          Try again
        </button>{' '}
        <a href="/">Go to your documents</a>
      </p>
    </div>
  )
}

/** The close words are "what happened. What to do". */
function splitWords(words: string): [string, string | undefined] {
  const at = words.indexOf('. ')
  return at < 0 ? [words, undefined] : [words.slice(0, at), words.slice(at + 2)]
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
