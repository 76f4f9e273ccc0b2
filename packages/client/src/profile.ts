/**
 * The signed-in user's display name and colour as the server keeps them (`GET|PUT /api/me`,
 * docs/identity.md), with the same bearer token as the socket. The server shows this name and
 * colour to everyone else (presence, cursors, history), whatever a client publishes.
 */
export type Me = {
  id: string
  name: string
  /** `#rrggbb`, or null until the user chooses one. */
  color: string | null
  /** The name the token carries (the identity provider's), shown before a name is chosen. */
  tokenName: string
  custom: boolean
  /** With OpenID Connect sign-in: where to sign in and out. */
  signIn?: string
  signOut?: string
}

/** A refused profile request: the server's words (`name must be at most 60 characters`). */
export class ProfileError extends Error {
  readonly status: number
  /** Where to sign in, when the server refused the token and offers OpenID Connect sign-in. */
  readonly signIn: string | undefined
  constructor(status: number, message: string, signIn?: string) {
    super(message)
    this.name = 'ProfileError'
    this.status = status
    this.signIn = signIn
  }
}

type Options = { baseUrl?: string; fetch?: typeof fetch }

async function request(token: string, init: RequestInit, options: Options): Promise<Me> {
  const res = await (options.fetch ?? fetch)(`${options.baseUrl ?? ''}/api/me`, {
    ...init,
    headers: { ...(init.headers ?? {}), Authorization: `Bearer ${token}` },
  })
  const body = (await res.json().catch(() => ({}))) as Partial<Me> & {
    error?: string
    signIn?: string
  }
  if (!res.ok) throw new ProfileError(res.status, body.error ?? `HTTP ${res.status}`, body.signIn)
  return body as Me
}

export function fetchMe(token: string, options: Options = {}): Promise<Me> {
  return request(token, {}, options)
}

export function saveMe(
  token: string,
  profile: { name: string; color: string },
  options: Options = {},
): Promise<Me> {
  return request(
    token,
    {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(profile),
    },
    options,
  )
}
