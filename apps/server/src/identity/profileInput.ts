/**
 * What PUT /api/me accepts: a display name (1-60 characters once trimmed, no control
 * characters) and a colour (`#rrggbb`). Anything else is a 400 naming the field and the rule.
 */
import { ApiError } from '../documents/apiResponse.ts'

export const MAX_DISPLAY_NAME_LENGTH = 60
const COLOR = /^#[0-9a-fA-F]{6}$/
// C0/C1 controls, and the bidi overrides that would let a name reorder what is shown after it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

export interface ProfileInput {
  displayName: string
  color: string
}

export function readProfileInput(body: Record<string, unknown>): ProfileInput {
  const { name, color } = body
  if (typeof name !== 'string') throw new ApiError(400, 'name must be a string')
  const displayName = name.trim()
  if (displayName.length === 0) throw new ApiError(400, 'name must not be empty')
  if ([...displayName].length > MAX_DISPLAY_NAME_LENGTH)
    throw new ApiError(400, `name must be at most ${MAX_DISPLAY_NAME_LENGTH} characters`)
  if (UNSAFE.test(displayName)) throw new ApiError(400, 'name must not contain control characters')
  if (typeof color !== 'string' || !COLOR.test(color))
    throw new ApiError(400, 'color must be a colour like #1971c2')
  return { displayName, color: color.toLowerCase() }
}
