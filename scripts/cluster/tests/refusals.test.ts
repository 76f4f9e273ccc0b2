// Values the real API server refuses must be refused by values.schema.json first, with the value's
// path, before helm sends anything. Each case is shown both ways: the schema's refusal, and the
// API server's own refusal of the same values when the schema is skipped (so the schema rule is
// not stricter or looser than Kubernetes for these cases).
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { CHART, installSecrets } from './fixtures.ts'
import { dropNamespace, freshNamespace, getList, helmResult } from './kube.ts'

const minimal = join(CHART, 'ci', 'minimal-values.yaml')
const cases = [
  {
    name: 'label value with a space',
    set: 'commonLabels.team=a b',
    schemaPath: '/commonLabels/team',
    api: /Invalid value: "a b"/,
  },
  {
    name: 'priorityClassName not a DNS subdomain',
    set: 'server.priorityClassName=Bad_Name',
    schemaPath: '/server/priorityClassName',
    api: /priorityClassName: Invalid value: "Bad_Name"/,
  },
  {
    name: 'PDB minAvailable above 100%',
    set: 'server.pdb.minAvailable=150%',
    extra: ['--set-string', 'server.pdb.maxUnavailable='],
    schemaPath: '/server/pdb/minAvailable',
    api: /minAvailable: Invalid value: "150%".*100%/,
  },
]

for (const [i, c] of cases.entries()) {
  const ns = `weft-refuse-${i}`
  after(() => dropNamespace(ns))
  test(`refused by the schema first, as the API server would: ${c.name}`, async () => {
    await freshNamespace(ns)
    await installSecrets(ns)
    const base = [
      'install',
      'weft',
      CHART,
      '-n',
      ns,
      '-f',
      minimal,
      '--set-string',
      c.set,
      ...(c.extra ?? []),
    ]

    const bySchema = await helmResult(base)
    assert.notEqual(bySchema.code, 0)
    assert.match(bySchema.stderr, /values don't meet the specifications of the schema/)
    assert.ok(bySchema.stderr.includes(`at '${c.schemaPath}'`), bySchema.stderr)
    assert.equal(
      (await helmResult(['status', 'weft', '-n', ns])).code,
      1,
      'no release was recorded',
    )
    assert.equal((await getList('deployment', ns)).length, 0, 'nothing reached the API server')

    const byApi = await helmResult([...base, '--skip-schema-validation'])
    assert.notEqual(byApi.code, 0, 'the API server refuses the same values')
    assert.match(byApi.stderr, c.api)
  })
}
