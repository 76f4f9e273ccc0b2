import { useEffect } from 'react'

/** `<title>` per document ("budget · Weft Grid"), so tabs, history and screen readers tell them apart. */
export function usePageTitle(docName: string, brand: string): void {
  useEffect(() => {
    document.title = docName ? `${docName} · ${brand}` : brand
  }, [docName, brand])
}
