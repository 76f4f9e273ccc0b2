/**
 * Offline validation of rendered objects against the Kubernetes API schemas.
 *
 * Source: the `kubernetes-models` family on npm, whose validators are generated from the
 * Kubernetes OpenAPI document (core and built-in groups) and from the upstream CRDs
 * (prometheus-operator's ServiceMonitor/PrometheusRule, Gateway API's HTTPRoute). Each object
 * is looked up by apiVersion and kind; an object with no schema is an error, never a pass.
 *
 * Limit: like kubeconform without -strict, these schemas do not reject unknown fields; the
 * tests add their own checks on the fields that matter and values.schema.json rejects unknown
 * values keys before rendering.
 */
import type { K8sObject } from '../../../packages/testkit/src/chartPods.ts'

const modules: Record<string, string> = {
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
  'gateway.networking.k8s.io': '@kubernetes-models/gateway-api',
}

interface Model {
  validate(): void
}
type ModelClass = new (data: unknown) => Model

/** Returns null when the object is valid, else the validation error text. */
export async function validateObject(object: K8sObject): Promise<string | null> {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion]
  const base = modules[group ?? ''] ?? 'kubernetes-models'
  const specifier = group ? `${base}/${group}/${version}` : `${base}/${version}`
  let exports: Record<string, unknown>
  try {
    exports = (await import(specifier)) as Record<string, unknown>
  } catch (error) {
    return `no schema module for ${object.apiVersion} (${specifier}): ${(error as Error).message}`
  }
  const Kind = exports[object.kind] as ModelClass | undefined
  if (!Kind) return `no schema for ${object.apiVersion} ${object.kind}`
  try {
    new Kind(object).validate()
    return null
  } catch (error) {
    return (error as Error).message
  }
}
