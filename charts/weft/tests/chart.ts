/** Helpers shared by the chart tests: scenarios, rendering, lookups. */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  CHART_DIR,
  type K8sObject,
  templateChart,
} from '../../../packages/testkit/src/chartPods.ts'

export {
  CHART_DIR,
  helmTemplate,
  type K8sObject,
  runHelm,
  templateChart,
} from '../../../packages/testkit/src/chartPods.ts'

/** Every scenario under charts/weft/ci, as [name, absolute path]. */
export const scenarios: [string, string][] = readdirSync(join(CHART_DIR, 'ci'))
  .filter((file) => file.endsWith('-values.yaml'))
  .sort()
  .map((file) => [file.replace(/-values\.yaml$/, ''), join(CHART_DIR, 'ci', file)])

export function renderScenario(name: string, values?: Record<string, unknown>): K8sObject[] {
  const file = scenarios.find(([n]) => n === name)?.[1]
  if (!file) throw new Error(`no scenario ${name}`)
  return templateChart({ valuesFiles: [file], values })
}

export function find(
  objects: K8sObject[],
  kind: string,
  component?: string,
): K8sObject | undefined {
  return objects.find(
    (o) =>
      o.kind === kind &&
      (component === undefined || o.metadata.labels?.['app.kubernetes.io/component'] === component),
  )
}

export function get(objects: K8sObject[], kind: string, component?: string): K8sObject {
  const object = find(objects, kind, component)
  if (!object) throw new Error(`no ${kind}${component ? ` (${component})` : ''} rendered`)
  return object
}

/** The main container of a workload (Deployment, Job) or Pod. */
export function mainContainer(object: K8sObject) {
  const spec = object.kind === 'Pod' ? object.spec : object.spec.template.spec
  return spec.containers[0]
}

export function podSpec(object: K8sObject) {
  return object.kind === 'Pod' ? object.spec : object.spec.template.spec
}
