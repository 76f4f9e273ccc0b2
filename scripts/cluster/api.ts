// Minimal HTTPS client for the local API server with the admin client certificate (the cluster
// script needs only health checks and a few GETs; tests use kubectl and helm).
import { readFileSync } from 'node:fs'
import { request } from 'node:https'
import { join } from 'node:path'

export interface ApiCredentials {
  server: string
  ca: string
  cert: string
  key: string
}

export function adminCredentials(clusterDir: string, server: string): ApiCredentials {
  const pki = join(clusterDir, 'pki')
  return {
    server,
    ca: join(pki, 'ca.crt'),
    cert: join(pki, 'admin.crt'),
    key: join(pki, 'admin.key'),
  }
}

export function apiGet(
  creds: ApiCredentials,
  path: string,
  timeoutMs = 5_000,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, creds.server),
      {
        ca: readFileSync(creds.ca),
        cert: readFileSync(creds.cert),
        key: readFileSync(creds.key),
        timeout: timeoutMs,
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          body += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)))
    req.on('error', reject)
    req.end()
  })
}

/**
 * GET https://127.0.0.1:<port>/healthz of a component serving its own self-signed certificate
 * (controller-manager, scheduler, kubelet): only the status matters, the peer is this machine.
 */
export function componentHealthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/healthz', rejectUnauthorized: false, timeout: 3_000 },
      (res) => {
        res.resume()
        resolve(res.statusCode === 200)
      },
    )
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(false))
    req.end()
  })
}
