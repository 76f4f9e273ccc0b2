import { fetchAsset } from '@weft/client'

/**
 * Where the canvas finds its images' pixels: asset id → a URL the drawing can use. The bytes
 * come from the server with the user's token (an `<image href>` cannot send one), once per id
 * (an asset never changes), and are handed to the drawing as `blob:` URLs. Export uses a fixed
 * set of `data:` URLs instead (exportImage.ts), which a standalone SVG file can carry.
 */
export interface AssetUrls {
  /** The URL for this asset, or undefined while it is loading (or could not be loaded). */
  url(id: string): string | undefined
  /** Asks for the asset (no-op when it is there or on its way). */
  want(id: string): void
  subscribe(listener: () => void): () => void
}

export class AssetStore implements AssetUrls {
  private readonly documentName: string
  private readonly token: string
  private readonly urls = new Map<string, string>()
  private readonly blobs = new Map<string, Blob>()
  private readonly asked = new Set<string>()
  private readonly listeners = new Set<() => void>()

  constructor(documentName: string, token: string) {
    this.documentName = documentName
    this.token = token
  }

  url(id: string): string | undefined {
    return this.urls.get(id)
  }

  want(id: string): void {
    if (this.asked.has(id)) return
    this.asked.add(id)
    fetchAsset(this.documentName, this.token, id).then(
      (blob) => this.put(id, blob),
      // Left without a picture (the shape draws its frame); a later render does not retry,
      // so a missing asset costs one request per page, not one per frame.
      () => {},
    )
  }

  /** An asset this page already holds (it just uploaded it): no need to fetch it back. */
  put(id: string, blob: Blob): void {
    this.asked.add(id)
    if (this.urls.has(id)) return
    this.blobs.set(id, blob)
    this.urls.set(id, URL.createObjectURL(blob))
    for (const listener of this.listeners) listener()
  }

  /** The asset's bytes (fetched if needed), for export. */
  async blob(id: string): Promise<Blob> {
    const held = this.blobs.get(id)
    if (held) return held
    const blob = await fetchAsset(this.documentName, this.token, id)
    this.put(id, blob)
    return blob
  }

  /** A stable function (React resubscribes when it changes). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Frees the pictures; the store still works afterwards (fetching again what is asked for). */
  dispose(): void {
    for (const url of this.urls.values()) URL.revokeObjectURL(url)
    this.urls.clear()
    this.blobs.clear()
    this.asked.clear()
    for (const listener of this.listeners) listener()
  }
}

/** A fixed set of URLs (export): nothing to load, nothing changes. */
export function fixedAssetUrls(urls: ReadonlyMap<string, string>): AssetUrls {
  const subscribe = () => () => {}
  return { url: (id) => urls.get(id), want: () => {}, subscribe }
}
