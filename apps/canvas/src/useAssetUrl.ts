import { createContext, useContext, useEffect, useSyncExternalStore } from 'react'
import type { AssetUrls } from './assetStore.ts'

/** The images of the canvas being drawn (App provides the live one, export a fixed one). */
export const AssetUrlsContext = createContext<AssetUrls | null>(null)

const never = () => () => {}

/** The URL to draw an image asset from, once its bytes are here (undefined until then). */
export function useAssetUrl(id: string | undefined): string | undefined {
  const assets = useContext(AssetUrlsContext)
  useEffect(() => {
    if (id) assets?.want(id)
  }, [assets, id])
  return useSyncExternalStore(assets?.subscribe ?? never, () => (id ? assets?.url(id) : undefined))
}
