/**
 * A stand-in for a Kubernetes Service in front of the nodes: a TCP proxy on a loopback port
 * that sends each new connection to the preferred node while its process runs, else to the next
 * running one. A browser opened through it reconnects to a survivor when its node dies, as it
 * would through a real load balancer (which also routes by connection, not by request).
 */
import { connect, createServer, type Socket } from 'node:net'
import type { ServerNode } from './serverNode.ts'

export interface Balancer {
  url: string
  close(): Promise<void>
}

export async function startBalancer(
  nodes: readonly ServerNode[],
  preferred = 0,
): Promise<Balancer> {
  const open = new Set<Socket>()
  const server = createServer((client) => {
    const target = [...nodes.keys()]
      .map((offset) => nodes[(preferred + offset) % nodes.length] as ServerNode)
      .find((node) => node.process.running)
    if (!target) return void client.destroy()
    const upstream = connect(target.port, '127.0.0.1')
    for (const socket of [client, upstream]) {
      open.add(socket)
      socket.on('close', () => open.delete(socket))
      socket.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
