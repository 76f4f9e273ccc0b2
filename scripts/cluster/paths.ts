// Where the local cluster keeps its binaries (a cache outside the checkout, keyed by version) and
// its running state (a temp dir of its own). Both can be moved with environment variables.
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Kubernetes release built from the Go module proxy (staging modules at v0.<minor>.<patch>). */
export const K8S_VERSION = process.env.K8S_VERSION ?? 'v1.36.3'
/** Build cache root; binaries land in <root>/<version>/bin. */
export const CACHE_ROOT = process.env.WEFT_K8S_CACHE ?? '/var/cache/weft-k8s'
export const K8S_BIN = join(CACHE_ROOT, K8S_VERSION, 'bin')
/** The running cluster's directory: certificates, etcd data, kubeconfigs, logs, state.json. */
export const CLUSTER_DIR = process.env.WEFT_CLUSTER_DIR ?? join(tmpdir(), 'weft-cluster')
export const STATE_FILE = join(CLUSTER_DIR, 'state.json')
export const ADMIN_KUBECONFIG = join(CLUSTER_DIR, 'admin.kubeconfig')

export const bin = (name: string) => join(K8S_BIN, name)
