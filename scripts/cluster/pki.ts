// Certificates for the local control plane, made with the openssl CLI: one CA, the API server's
// serving certificate (127.0.0.1 and the in-cluster Service names), one client certificate per
// component identity (RBAC knows these names), and the service-account signing key.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface ClientCert {
  cert: string
  key: string
}

const openssl = (args: string[]) =>
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] })

export class Pki {
  readonly dir: string
  readonly ca: string
  readonly caKey: string

  constructor(dir: string) {
    this.dir = dir
    this.ca = join(dir, 'ca.crt')
    this.caKey = join(dir, 'ca.key')
  }

  createCa() {
    mkdirSync(this.dir, { recursive: true })
    openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      this.caKey,
      '-out',
      this.ca,
      '-days',
      '3650',
      '-subj',
      '/CN=weft-local-cluster-ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ])
  }

  /** Signs a leaf certificate; `subject` like /O=system:masters/CN=admin. */
  issue(
    name: string,
    subject: string,
    usage: 'client' | 'server' | 'both',
    sans: string[] = [],
  ): ClientCert {
    const key = join(this.dir, `${name}.key`)
    const csr = join(this.dir, `${name}.csr`)
    const cert = join(this.dir, `${name}.crt`)
    const ext = join(this.dir, `${name}.ext`)
    const eku = { client: 'clientAuth', server: 'serverAuth', both: 'serverAuth,clientAuth' }[usage]
    const lines = [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      `extendedKeyUsage=${eku}`,
    ]
    if (sans.length > 0) lines.push(`subjectAltName=${sans.join(',')}`)
    writeFileSync(ext, `${lines.join('\n')}\n`)
    openssl([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      subject,
    ])
    openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      this.ca,
      '-CAkey',
      this.caKey,
      '-CAcreateserial',
      '-out',
      cert,
      '-days',
      '365',
      '-extfile',
      ext,
    ])
    return { cert, key }
  }

  /** RSA key pair that signs and verifies service-account tokens. */
  serviceAccountKey(): { key: string; pub: string } {
    const key = join(this.dir, 'sa.key')
    const pub = join(this.dir, 'sa.pub')
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key])
    openssl(['pkey', '-in', key, '-pubout', '-out', pub])
    return { key, pub }
  }
}

/** A kubeconfig for one identity against the local API server. */
export function writeKubeconfig(path: string, server: string, ca: string, client: ClientCert) {
  const text = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: weft-local',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority: ${ca}`,
    'users:',
    '- name: weft-local',
    '  user:',
    `    client-certificate: ${client.cert}`,
    `    client-key: ${client.key}`,
    'contexts:',
    '- name: weft-local',
    '  context:',
    '    cluster: weft-local',
    '    user: weft-local',
    'current-context: weft-local',
    '',
  ].join('\n')
  writeFileSync(path, text, { mode: 0o600 })
}
