import type { ReactNode } from 'react'
import { DevModeBanner } from './DevModeBanner.tsx'
import { Topbar, type TopbarProps } from './Topbar.tsx'

export type AppShellProps = Omit<TopbarProps, 'children'> & {
  /** The app's own top-bar buttons, after the presence list. */
  actions?: ReactNode
  /** What the page says while the app cannot be shown yet ("Loading sheet…"). */
  loading: ReactNode
  /** The app once it can be shown; null or false while it is loading. */
  children: ReactNode
  /** Rendered after the app whether or not it is loading (toasts, dialogs). */
  overlay?: ReactNode
}

/** Every app's page: the open-dev-mode banner (when the server says so), the top bar, then the app or its loading state (`data-testid="loading"`). */
export function AppShell({ actions, loading, children, overlay, ...topbar }: AppShellProps) {
  const ready = children !== null && children !== undefined && children !== false
  return (
    <div className="app">
      <DevModeBanner />
      <Topbar {...topbar}>{actions}</Topbar>
      {ready ? (
        children
      ) : (
        <div className="loading" data-testid="loading">
          {loading}
        </div>
      )}
      {overlay}
    </div>
  )
}
