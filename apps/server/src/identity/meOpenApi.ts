/** The OpenAPI description of `GET|PUT /api/me` (meApi.ts), merged into /api/openapi.json. */
import { MAX_DISPLAY_NAME_LENGTH } from './profileInput.ts'

const error = { $ref: '#/components/responses/Error' }
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), error]))
const me = {
  description: 'The caller as others see them',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Me' } } },
}

export const ME_PATHS = {
  '/api/me': {
    get: {
      operationId: 'getMe',
      summary: "The caller's display name and colour",
      description:
        'The stored profile of the token\'s `sub`, or the token\'s `name` with `color: null`. A 401 carries `signIn` ("/auth/login") when the node offers OpenID Connect sign-in.',
      responses: { '200': me, ...errors(401, 429, 503) },
    },
    put: {
      operationId: 'putMe',
      summary: 'Set the display name and colour shown to everyone',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['name', 'color'],
              properties: {
                name: { type: 'string', minLength: 1, maxLength: MAX_DISPLAY_NAME_LENGTH },
                color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$', examples: ['#1971c2'] },
              },
            },
          },
        },
      },
      responses: { '200': me, ...errors(400, 401, 403, 413, 429, 503) },
    },
  },
} as const

export const ME_SCHEMAS = {
  Me: {
    type: 'object',
    required: ['id', 'name', 'color', 'tokenName', 'custom'],
    properties: {
      id: { type: 'string', description: "The token's sub" },
      name: { type: 'string', description: 'Shown in presence, cursors, activity and history' },
      color: { type: ['string', 'null'], pattern: '^#[0-9a-f]{6}$' },
      tokenName: { type: 'string', description: "The token's name (or sub)" },
      custom: { type: 'boolean', description: 'True once the user chose a name and colour' },
      signIn: { type: 'string', description: 'With OpenID Connect sign-in: /auth/login' },
      signOut: { type: 'string', description: 'With OpenID Connect sign-in: /auth/logout' },
    },
  },
} as const
