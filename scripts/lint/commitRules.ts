// The rules a commit message must meet (CONTRIBUTING: a short subject saying what changed, a body
// saying why). Pure, so the rules are tested apart from git.

/** Longest subject line: what `git log --oneline` and review tools show without wrapping. */
export const MAX_SUBJECT = 72

// Trailers alone are not a body: they say who, never why.
const TRAILER = /^[A-Za-z-]+: /

/** Problems with a subject line alone: the rule every commit meets, merges included. */
export function subjectProblems(subject: string): string[] {
  const problems: string[] = []
  if (subject.trim() === '') problems.push('empty subject')
  if (subject.length > MAX_SUBJECT) {
    problems.push(`subject is ${subject.length} characters (at most ${MAX_SUBJECT})`)
  }
  return problems
}

/** Problems with one commit message, empty when it passes. `subject` is git's %s, `body` its %b. */
export function commitMessageProblems(subject: string, body: string): string[] {
  const problems = subjectProblems(subject)
  const bodyLines = body.split('\n').filter((line) => line.trim() !== '' && !TRAILER.test(line))
  if (bodyLines.length === 0) problems.push('no body saying why (one blank line after the subject)')
  return problems
}
