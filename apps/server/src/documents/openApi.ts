/**
 * The OpenAPI 3.1 description of the documents API, served at /api/openapi.json. Written by hand
 * beside the handler (DocumentsApi.ts); the tests validate it against the OpenAPI 3.1 schema and
 * check that every operation they call is described.
 */
import { ME_PATHS, ME_SCHEMAS } from '../identity/meOpenApi.ts'

const error = { $ref: '#/components/responses/Error' }
const nameParameter = { $ref: '#/components/parameters/DocumentName' }
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), error]))

const json = (schema: unknown) => ({ 'application/json': { schema } })

/** What an image upload answers (AssetsApi.ts). */
const asset = {
  type: 'object',
  required: ['id', 'contentType', 'size', 'url'],
  properties: {
    id: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    contentType: { type: 'string', enum: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] },
    size: { type: 'integer' },
    url: { type: 'string' },
  },
}

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Weft documents API',
    version: '1.0.0',
    description:
      'Documents of the Weft collaboration platform: metadata, export, live updates, versions. ' +
      'Authentication: the access tokens of the WebSocket (HS256 JWT with a `docs` claim) as a ' +
      'bearer token; open dev mode (no AUTH_SECRET) accepts requests without one.',
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }, {}],
  paths: {
    ...ME_PATHS,
    '/api/documents': {
      get: {
        operationId: 'listDocuments',
        summary: 'Documents the token may see, most recently edited first',
        parameters: [
          {
            name: 'q',
            in: 'query',
            schema: { type: 'string' },
            description: 'Title contains (case-insensitive)',
          },
          { name: 'kind', in: 'query', schema: { $ref: '#/components/schemas/Kind' } },
          {
            name: 'trashed',
            in: 'query',
            schema: { type: 'boolean' },
            description: 'List the trash instead',
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        ],
        responses: {
          '200': {
            description: 'The documents',
            content: json({
              type: 'object',
              required: ['documents'],
              properties: {
                documents: { type: 'array', items: { $ref: '#/components/schemas/Document' } },
              },
            }),
          },
          ...errors(400, 401, 429),
        },
      },
      post: {
        operationId: 'createDocument',
        summary: 'Create a document',
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['kind'],
            properties: {
              kind: { $ref: '#/components/schemas/Kind' },
              title: { type: 'string', maxLength: 200 },
              id: {
                type: 'string',
                pattern: '^[A-Za-z0-9_-]{1,64}$',
                description: 'Chosen id; random when absent',
              },
            },
          }),
        },
        responses: {
          '201': {
            description: 'Created',
            headers: { Location: { schema: { type: 'string' } } },
            content: json({ $ref: '#/components/schemas/Document' }),
          },
          ...errors(400, 401, 403, 409, 413, 429),
        },
      },
    },
    '/api/documents/{name}': {
      parameters: [nameParameter],
      get: {
        operationId: 'getDocument',
        summary: 'Metadata of a document',
        responses: {
          '200': {
            description: 'The document',
            content: json({ $ref: '#/components/schemas/Document' }),
          },
          ...errors(400, 401, 403, 404, 429),
        },
      },
      patch: {
        operationId: 'updateDocument',
        summary: 'Rename, or take out of / put into the trash',
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            properties: {
              title: { type: ['string', 'null'], maxLength: 200 },
              trashed: { type: 'boolean' },
            },
          }),
        },
        responses: {
          '200': {
            description: 'Updated',
            content: json({ $ref: '#/components/schemas/Document' }),
          },
          ...errors(400, 401, 403, 404, 413, 429),
        },
      },
      delete: {
        operationId: 'trashDocument',
        summary: 'Move to the trash (purged after TRASH_RETENTION_HOURS)',
        responses: {
          '200': {
            description: 'In the trash',
            content: json({ $ref: '#/components/schemas/Document' }),
          },
          ...errors(400, 401, 403, 404, 429),
        },
      },
    },
    '/api/documents/{name}/export': {
      parameters: [nameParameter],
      get: {
        operationId: 'exportDocument',
        summary: "The document as JSON (the app's form) or as its Yjs state",
        parameters: [
          {
            name: 'format',
            in: 'query',
            schema: { type: 'string', enum: ['json', 'yjs'], default: 'json' },
          },
          {
            name: 'version',
            in: 'query',
            description:
              'A version id from …/versions: the document as it was then (a code project: its files as they were at that time, each with its own `version`)',
            schema: { type: 'string', pattern: '^(update|snapshot):[0-9]+$' },
          },
        ],
        responses: {
          '200': {
            description:
              'grid: the first sheet (columns, rows of cell values) and every sheet under `sheets`; code: files with contents; canvas: shapes',
            content: {
              'application/json': { schema: { type: 'object', required: ['name', 'kind'] } },
              'application/octet-stream': {
                schema: { type: 'string', contentMediaType: 'application/octet-stream' },
              },
            },
          },
          ...errors(400, 401, 403, 404, 410, 429, 503),
        },
      },
    },
    '/api/documents/{name}/updates': {
      parameters: [nameParameter],
      post: {
        operationId: 'applyUpdate',
        summary: 'Apply a Yjs update (V1) to the live document',
        description:
          'The update reaches every connected client on every node and is logged exactly once. ' +
          'A write to a canvas is checked as a socket write is: a malformed shape, or an image ' +
          'naming bytes this canvas does not hold, is refused with 422 and nothing is applied.',
        requestBody: {
          required: true,
          content: {
            'application/octet-stream': {
              schema: { type: 'string', contentMediaType: 'application/octet-stream' },
            },
          },
        },
        responses: {
          '200': {
            description: 'Applied and stored',
            content: json({ $ref: '#/components/schemas/WriteResult' }),
          },
          '202': {
            description: 'Applied; the database is away, the log row is queued',
            content: json({ $ref: '#/components/schemas/WriteResult' }),
          },
          ...errors(400, 401, 403, 413, 422, 429, 503),
        },
      },
    },
    '/api/documents/{name}/first-screen': {
      parameters: [nameParameter],
      get: {
        operationId: 'gridFirstScreen',
        summary:
          "A grid's first screen: the top rows of its first tab as shown (formulas computed)",
        description:
          'What the Grid app paints before the full Yjs state has arrived. At most GRID_FIRST_SCREEN_MAX_CELLS cells (rows × cols).',
        parameters: [
          { name: 'rows', in: 'query', schema: { type: 'integer', minimum: 1, default: 40 } },
          { name: 'cols', in: 'query', schema: { type: 'integer', minimum: 1, default: 26 } },
        ],
        responses: {
          '200': {
            description:
              'sheet (id, name), rowCount and colCount of the whole sheet, columns (id, name, width) and rows of cells (text, kind: "", "num" or "err")',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['sheet', 'rowCount', 'colCount', 'columns', 'rows'],
                },
              },
            },
          },
          ...errors(400, 401, 403, 404, 410, 429, 503),
        },
      },
    },
    '/api/documents/{name}/versions': {
      parameters: [nameParameter],
      get: {
        operationId: 'listVersions',
        summary: 'Versions, newest first: each logged update and each snapshot',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
          { name: 'before', in: 'query', schema: { type: 'string', format: 'date-time' } },
        ],
        responses: {
          '200': {
            description: 'Versions',
            content: json({
              type: 'object',
              required: ['versions'],
              properties: {
                versions: { type: 'array', items: { $ref: '#/components/schemas/Version' } },
              },
            }),
          },
          ...errors(400, 401, 403, 404, 429),
        },
      },
    },
    '/api/documents/{name}/restore': {
      parameters: [nameParameter],
      post: {
        operationId: 'restoreVersion',
        summary: 'Bring the content back to a version, as a new change everyone receives',
        description:
          'A canvas version whose shapes the socket check refuses today (written before it ' +
          'existed) is refused with 422 naming the problem, and nothing is restored.',
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['version'],
            properties: { version: { type: 'string', pattern: '^(update|snapshot):[0-9]+$' } },
          }),
        },
        responses: {
          '200': {
            description: 'Restored',
            content: json({ $ref: '#/components/schemas/WriteResult' }),
          },
          '202': {
            description: 'Restored; log row queued',
            content: json({ $ref: '#/components/schemas/WriteResult' }),
          },
          ...errors(400, 401, 403, 404, 410, 413, 422, 429, 503),
        },
      },
    },
    '/api/documents/{name}/shares': {
      parameters: [nameParameter],
      get: {
        operationId: 'listShares',
        summary: "The document's live share links and who opened them (owner only)",
        parameters: [
          {
            name: 'all',
            in: 'query',
            schema: { type: 'boolean' },
            description: 'Include revoked and expired links',
          },
        ],
        responses: {
          '200': {
            description: 'The owner and the links',
            content: json({
              type: 'object',
              required: ['owner', 'shares'],
              properties: {
                owner: { $ref: '#/components/schemas/Person' },
                shares: { type: 'array', items: { $ref: '#/components/schemas/Share' } },
              },
            }),
          },
          ...errors(400, 401, 403, 404, 429),
        },
      },
      post: {
        operationId: 'createShare',
        summary: 'Create a read or write link that expires (owner only; needs AUTH_SECRET)',
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['role', 'expiresInHours'],
            properties: {
              role: { type: 'string', enum: ['read', 'write'] },
              expiresInHours: {
                type: 'number',
                exclusiveMinimum: 0,
                description: 'At most SHARE_LINK_MAX_HOURS (default 720)',
              },
            },
          }),
        },
        responses: {
          '201': { description: 'Created', content: json({ $ref: '#/components/schemas/Share' }) },
          ...errors(400, 401, 403, 404, 413, 429),
        },
      },
    },
    '/api/documents/{name}/shares/{id}': {
      parameters: [
        nameParameter,
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      ],
      delete: {
        operationId: 'revokeShare',
        summary: 'Revoke a link: it and the access it gave stop working (owner only)',
        responses: {
          '200': { description: 'Revoked', content: json({ $ref: '#/components/schemas/Share' }) },
          ...errors(400, 401, 403, 404, 429),
        },
      },
    },
    '/api/documents/{name}/assets': {
      parameters: [nameParameter],
      post: {
        operationId: 'uploadAsset',
        summary:
          "Store an image (PNG, JPEG, GIF or WebP, by its first bytes) as an asset of a canvas (write access); its id is the bytes' sha-256",
        requestBody: {
          required: true,
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
        responses: {
          '200': { description: 'The canvas held these bytes already', content: json(asset) },
          '201': { description: 'Stored', content: json(asset) },
          ...errors(400, 401, 403, 404, 413, 415, 429),
        },
      },
    },
    '/api/documents/{name}/assets/{id}': {
      parameters: [
        nameParameter,
        {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        },
      ],
      get: {
        operationId: 'getAsset',
        summary: "The bytes of one of the canvas's images (read access), cacheable for good",
        responses: {
          '200': {
            description: 'The image, as its stored content type',
            content: { 'image/*': { schema: { type: 'string', format: 'binary' } } },
          },
          '304': { description: 'Not modified (If-None-Match)' },
          ...errors(401, 403, 404, 429),
        },
      },
    },
    '/api/shares/open': {
      post: {
        operationId: 'openShare',
        summary: "A link's key for an access token limited to its document and role",
        description:
          'No token needed; one sent names the opener (otherwise a guest named by `name`).',
        security: [{ bearer: [] }, {}],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['link'],
            properties: {
              link: { type: 'string', description: 'The link, or what follows /share/' },
              name: { type: 'string', maxLength: 60 },
              guestId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
            },
          }),
        },
        responses: {
          '200': {
            description: 'The token',
            content: json({
              type: 'object',
              required: ['token', 'name', 'role', 'expiresAt'],
              properties: {
                token: { type: 'string' },
                name: { type: 'string' },
                role: { type: 'string', enum: ['read', 'write'] },
                url: { type: ['string', 'null'] },
                expiresAt: { type: 'string', format: 'date-time' },
              },
            }),
          },
          ...errors(400, 403, 404, 410, 413, 429),
        },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    parameters: {
      DocumentName: {
        name: 'name',
        in: 'path',
        required: true,
        description: 'grid:<id>, code:<id>, code:<id>/<file> (encode / as %2F) or canvas:<id>',
        schema: { type: 'string', maxLength: 200 },
      },
    },
    responses: {
      Error: {
        description: 'What went wrong, in words',
        content: json({
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'string' } },
        }),
      },
    },
    schemas: {
      ...ME_SCHEMAS,
      Kind: { type: 'string', enum: ['grid', 'code', 'canvas'] },
      Person: {
        type: ['object', 'null'],
        properties: { id: { type: 'string' }, name: { type: ['string', 'null'] } },
      },
      Document: {
        type: 'object',
        required: ['name', 'kind', 'id', 'title', 'createdAt', 'updatedAt', 'access'],
        properties: {
          name: { type: 'string', examples: ['grid:0f3a9c21b4d7'] },
          kind: { $ref: '#/components/schemas/Kind' },
          id: { type: 'string' },
          title: { type: ['string', 'null'] },
          owner: { $ref: '#/components/schemas/Person' },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          updatedBy: { $ref: '#/components/schemas/Person' },
          trashedAt: { type: ['string', 'null'], format: 'date-time' },
          access: { type: 'string', enum: ['read', 'write'] },
          url: { type: ['string', 'null'], description: 'Where the app opens it' },
        },
      },
      Version: {
        type: 'object',
        required: ['id', 'kind', 'at', 'nodeId'],
        properties: {
          id: { type: 'string', examples: ['update:1042', 'snapshot:17'] },
          documentName: {
            type: 'string',
            description: "Whose version: a code project lists its files' versions too",
          },
          kind: { type: 'string', enum: ['update', 'snapshot'] },
          at: { type: 'string', format: 'date-time' },
          userId: { type: ['string', 'null'] },
          userName: { type: ['string', 'null'] },
          nodeId: { type: 'string' },
        },
      },
      Share: {
        type: 'object',
        required: ['id', 'role', 'url', 'createdAt', 'expiresAt', 'state', 'openedBy'],
        properties: {
          id: { type: 'string' },
          role: { type: 'string', enum: ['read', 'write'] },
          url: { type: 'string', description: 'The link: /share/<id>.<signature>' },
          createdAt: { type: 'string', format: 'date-time' },
          expiresAt: { type: 'string', format: 'date-time' },
          revokedAt: { type: ['string', 'null'], format: 'date-time' },
          state: { type: 'string', enum: ['live', 'revoked', 'expired'] },
          openedBy: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                name: { type: ['string', 'null'] },
                firstOpenedAt: { type: 'string', format: 'date-time' },
                lastOpenedAt: { type: 'string', format: 'date-time' },
              },
            },
          },
        },
      },
      WriteResult: {
        type: 'object',
        required: ['changed', 'stored'],
        properties: {
          changed: { type: 'boolean', description: 'False when the document already had it all' },
          stored: { type: 'boolean', description: 'In Postgres (false: queued while it is away)' },
          restored: { type: 'string' },
          filesRestored: {
            type: 'integer',
            description: 'A code project: how many of its files changed back with the tree',
          },
        },
      },
    },
  },
} as const
