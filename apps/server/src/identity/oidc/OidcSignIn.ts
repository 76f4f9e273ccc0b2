/**
 * Optional OpenID Connect sign-in (docs/identity.md): `/auth/login` sends the browser to the
 * identity provider with an authorization-code request (PKCE S256, state, nonce), keeping those
 * in a signed cookie (loginCookie.ts); `/auth/callback` exchanges the code with openid-client,
 * which checks state, PKCE, the ID token's signature, issuer, audience, expiry and nonce; the
 * user it names (`sub`, and OIDC_NAME_CLAIM for the name) gets the same HS256 access token a
 * customer's backend would mint (AUTH_SECRET, OIDC_DOCS, TOKEN_MAX_LIFETIME, AUTH_ISSUER and
 * AUTH_AUDIENCE when set), handed to the apps by a page that stores it. `/auth/logout` forgets it.
 *
 * The provider's metadata is discovered on first use and kept; a failed discovery is retried by
 * the next sign-in, so a node starts while its provider is away. The client secret is sent to
 * the token endpoint only, and no error, log line or page repeats it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { OidcSettings } from '@weft/config'
import { mintAccessToken } from '@weft/protocol'
import * as client from 'openid-client'
import type { Logger } from '../../logger.ts'
import {
  clearLoginCookieHeader,
  LOGIN_COOKIE_MAX_AGE_S,
  loginCookieHeader,
  openLoginState,
  safeReturnPath,
  sealLoginState,
} from './loginCookie.ts'
import { sendSignedIn, sendSignedOut, sendSignInError } from './signInPages.ts'

export interface OidcSignInOptions {
  settings: OidcSettings
  /** AUTH_SECRET: signs the minted tokens and (a key derived from it) the login cookie. */
  authSecret: string
  tokenLifetimeSeconds: number
  issuer?: string
  audience?: string
  logger: Logger
}

/** How long one request to the provider (discovery, token exchange, keys) may take. */
const PROVIDER_TIMEOUT_S = 10

export class OidcSignIn {
  private readonly options: OidcSignInOptions
  private readonly secure: boolean
  private discovered: Promise<client.Configuration> | undefined

  constructor(options: OidcSignInOptions) {
    this.options = options
    this.secure = new URL(options.settings.redirectUrl).protocol === 'https:'
  }

  /** Answers `/auth/login`, `/auth/callback` and `/auth/logout`; false for other paths. */
  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    if (!['/auth/login', '/auth/callback', '/auth/logout'].includes(url.pathname)) return false
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendSignInError(response, 405, 'sign-in pages are opened, not sent to', { Allow: 'GET' })
      return true
    }
    if (url.pathname === '/auth/logout') sendSignedOut(response)
    else if (url.pathname === '/auth/login') await this.login(response, url)
    else await this.callback(request, response, url)
    return true
  }

  private async login(response: ServerResponse, url: URL) {
    const config = await this.configuration()
    if (!config)
      return sendSignInError(
        response,
        503,
        'the identity provider cannot be reached; try again in a minute',
        {
          'Retry-After': '30',
        },
      )
    const verifier = client.randomPKCECodeVerifier()
    const state = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier,
      returnTo: safeReturnPath(url.searchParams.get('return')),
      expiresAt: Date.now() + LOGIN_COOKIE_MAX_AGE_S * 1000,
    }
    const target = client.buildAuthorizationUrl(config, {
      redirect_uri: this.options.settings.redirectUrl,
      scope: this.options.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: state.state,
      nonce: state.nonce,
    })
    response.writeHead(302, {
      Location: target.href,
      'Set-Cookie': loginCookieHeader(sealLoginState(state, this.options.authSecret), this.secure),
      'Cache-Control': 'no-store',
    })
    response.end()
  }

  private async callback(request: IncomingMessage, response: ServerResponse, url: URL) {
    const clear = { 'Set-Cookie': clearLoginCookieHeader(this.secure) }
    const login = openLoginState(request.headers.cookie, this.options.authSecret)
    if ('problem' in login)
      return sendSignInError(
        response,
        400,
        `this sign-in cannot be finished: ${login.problem}`,
        clear,
      )
    const config = await this.configuration()
    if (!config)
      return sendSignInError(
        response,
        503,
        'the identity provider cannot be reached; try again in a minute',
        clear,
      )
    // The address the provider redirected to: the configured one (never the request's Host) with
    // the parameters it added.
    const current = new URL(this.options.settings.redirectUrl)
    current.search = url.search
    let claims: client.IDToken | undefined
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: login.verifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      })
      claims = tokens.claims()
    } catch (error) {
      const { status, message } = describeFailure(error)
      this.options.logger.warn({ reason: message }, 'OIDC sign-in refused')
      return sendSignInError(response, status, message, clear)
    }
    if (!claims?.sub)
      return sendSignInError(
        response,
        502,
        'the identity provider named no user (no "sub" claim)',
        clear,
      )
    const named = claims[this.options.settings.nameClaim]
    const name = typeof named === 'string' && named.trim() ? named.trim().slice(0, 200) : claims.sub
    const token = await mintAccessToken(
      {
        sub: claims.sub,
        name,
        docs: this.options.settings.docs,
        ...(this.options.issuer ? { iss: this.options.issuer } : {}),
        ...(this.options.audience ? { aud: this.options.audience } : {}),
      },
      this.options.authSecret,
      // A string: jose reads a bare number as an absolute expiry time, not a lifetime.
      `${this.options.tokenLifetimeSeconds}s`,
    )
    sendSignedIn(response, token, name, login.returnTo, clear)
  }

  /** The provider's configuration, discovered once; undefined (and retried next time) when it fails. */
  private async configuration(): Promise<client.Configuration | undefined> {
    if (!this.discovered) {
      const { issuerUrl, clientId, clientSecret } = this.options.settings
      const insecure = new URL(issuerUrl).protocol === 'http:'
      this.discovered = client.discovery(
        new URL(issuerUrl),
        clientId,
        undefined,
        clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
        {
          timeout: PROVIDER_TIMEOUT_S,
          ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
        },
      )
    }
    try {
      return await this.discovered
    } catch (error) {
      this.discovered = undefined
      // The error names the issuer's failure (status, network), never the client secret.
      this.options.logger.warn({ reason: errorText(error) }, 'OIDC discovery failed')
      return undefined
    }
  }
}

/** The refusal a user is shown for a failed code exchange, in words. */
function describeFailure(error: unknown): { status: number; message: string } {
  if (error instanceof client.AuthorizationResponseError)
    return { status: 403, message: `the identity provider refused the sign-in (${error.error})` }
  if (error instanceof client.ResponseBodyError)
    return {
      status: 400,
      message: `the identity provider did not accept this sign-in's code (${error.error}); it may have been used already`,
    }
  const detail = errorText(error)
  if (/"state"/.test(detail))
    return {
      status: 400,
      message:
        'the answer from the identity provider does not belong to this sign-in (state mismatch)',
    }
  if (/nonce/.test(detail))
    return {
      status: 400,
      message: 'the identity token does not belong to this sign-in (nonce mismatch)',
    }
  return {
    status: 502,
    message: `the identity provider's answer could not be verified (${detail})`,
  }
}

/** The most specific message of an error and its causes (openid-client wraps oauth4webapi's). */
function errorText(error: unknown): string {
  let current: unknown = error
  let text = 'unknown error'
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    text = current.message
    current = current.cause
  }
  return text.slice(0, 200)
}
