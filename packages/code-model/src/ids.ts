import { ALPHANUMERIC, randomId } from '@weft/protocol/randomId'

/**
 * A random id of `length` letters and digits: fits both the project part of a document name
 * (`[A-Za-z0-9_-]{1,64}`) and the file part (`[A-Za-z0-9_.-]{1,128}`), so it never needs escaping.
 * Ids are never derived from paths: a rename or move must not change which document holds a file.
 */
export function newId(length = 12): string {
  return randomId(length, ALPHANUMERIC)
}
