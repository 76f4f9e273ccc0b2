/**
 * /healthz, /readyz and /metrics: what the kubelet and Prometheus ask. Served on PORT with
 * everything else, or — with MANAGEMENT_PORT — only on that port, which no Service behind a
 * public Ingress or HTTPRoute exposes (the chart routes only the `http` port publicly).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Metrics } from '../metrics/Metrics.ts'
import type { Readiness } from '../Readiness.ts'
import { parseRequestTarget } from './requestTarget.ts'
import { sendJson } from './sendJson.ts'

export interface ProbeOptions {
  nodeId: string
  readiness: Readiness
  metrics: Metrics
}

export const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics'])

/** Answers a probe path; false for any other path. */
export async function answerProbe(
  options: ProbeOptions,
  pathname: string,
  response: ServerResponse,
): Promise<boolean> {
  if (pathname === '/healthz') {
    response.writeHead(200, { 'Content-Type': 'text/plain' })
    response.end('ok\n')
    return true
  }
  if (pathname === '/readyz') {
    const report = options.readiness.report()
    sendJson(response, report.ready ? 200 : 503, { ...report, node: options.nodeId })
    return true
  }
  if (pathname === '/metrics') {
    response.writeHead(200, { 'Content-Type': options.metrics.registry.contentType })
    response.end(await options.metrics.registry.metrics())
    return true
  }
  return false
}

/** The handler of the management listener: the probe paths and nothing else. */
export function createManagementRouter(
  options: ProbeOptions & { onError: (error: unknown) => void },
) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const target = parseRequestTarget(request.url)
      if (!target.ok)
        return sendJson(response, 400, { error: `bad request target: ${target.problem}` })
      const { pathname } = target.url
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return sendJson(response, 405, { error: 'method not allowed' })
      if (await answerProbe(options, pathname, response)) return
      sendJson(response, 404, { error: 'not found' })
    } catch (error) {
      options.onError(error)
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' })
      else response.destroy()
    }
  }
}
