/** The package a bare import names: `react-dom/client` → react-dom, `@scope/x/y` → @scope/x. */
export function packageOf(spec: string): string {
  const parts = spec.split('/')
  return (spec.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/')
}

/** The preview's answer to an import it cannot serve, naming what it can. */
export function unavailableMessage(
  spec: string,
  imports: Readonly<Record<string, string>>,
  packages: Readonly<Record<string, string>>,
): string {
  const name = packageOf(spec)
  const served = [...new Set(Object.keys(imports).map(packageOf))].sort()
  const listed = served.map((p) => (packages[p] ? `${p}@${packages[p]}` : p)).join(', ')
  const what = served.includes(name) ? `"${spec}" (that part of ${name})` : `the package "${name}"`
  return `The preview cannot load ${what}: it provides only ${listed}. Download the project to use other packages.`
}
