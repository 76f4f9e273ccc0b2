/**
 * Token-bucket arithmetic. A bucket may go into debt: a message larger than what is left still
 * passes (a paste up to MAX_MESSAGE_BYTES must get through), and the debt says how long the
 * sender must wait before the next one is read. Functions over a number rather than a bucket
 * object: a socket keeps two buckets (SocketRate), and at 10,000 idle sockets on one node
 * (scenario 4) an object per bucket, with its own copy of the settings, is memory per socket.
 */

/**
 * The tokens left after `elapsedMs` of refill at `perSecond` (up to `capacity`, so a long pause
 * does not buy an unbounded burst) and spending `amount`.
 */
export function spend(
  tokens: number,
  amount: number,
  elapsedMs: number,
  perSecond: number,
  capacity: number,
): number {
  return Math.min(capacity, tokens + (elapsedMs / 1000) * perSecond) - amount
}

/** How many ms until a bucket holding `tokens` and refilled at `perSecond` is out of debt. */
export function debtMs(tokens: number, perSecond: number): number {
  return tokens >= 0 ? 0 : (-tokens / perSecond) * 1000
}
