/**
 * Reads a request body up to `maxBytes` (API_MAX_BODY_BYTES). A declared length over the limit
 * is refused before reading; a body that grows past it is refused once it does, so a client
 * cannot make a node buffer more than the limit.
 */
import type { IncomingMessage } from 'node:http'
import { ApiError } from './apiResponse.ts'

export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new ApiError(413, `request body is larger than ${maxBytes} bytes (API_MAX_BODY_BYTES)`)
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume()
    throw tooLarge()
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    total += chunk.byteLength
    if (total > maxBytes) {
      request.resume()
      throw tooLarge()
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** A JSON object body; anything else is a 400 naming the problem. */
export async function readJsonObject(
  request: IncomingMessage,
  maxBytes: number,
): Promise<Record<string, unknown>> {
  const body = await readBody(request, maxBytes)
  let parsed: unknown
  try {
    parsed = body.byteLength === 0 ? {} : JSON.parse(body.toString('utf8'))
  } catch {
    throw new ApiError(400, 'request body is not valid JSON')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError(400, 'request body must be a JSON object')
  }
  return parsed as Record<string, unknown>
}
