import type { ReactNode } from 'react'
import { DevModeBanner } from './DevModeBanner.tsx'
import { LiveRegion } from './LiveRegion.tsx'
import { Topbar, type TopbarProps } from './Topbar.tsx'
import { useAnnounceConnection } from './useAnnounceConnection.ts'
import { useAnnouncePeople } from './useAnnouncePeople.ts'
import { usePageTitle } from './usePageTitle.ts'

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

/**
 * Every app's page: a skip link, the open-dev-mode banner (when the server says so), the top
 * bar, then `main` with the app or its loading state (`data-testid="loading"`), and the page's
 * one polite live region (joins, leaves, connection; apps add theirs with `announce`).
 */
export function AppShell({ actions, loading, children, overlay, ...topbar }: AppShellProps) {
  const ready = children !== null && children !== undefined && children !== false
  usePageTitle(topbar.docName, topbar.brand)
  useAnnouncePeople(topbar.users, topbar.online, topbar.session.identity)
  useAnnounceConnection(topbar.status)
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <DevModeBanner />
      <Topbar {...topbar}>{actions}</Topbar>
      <main id="main" className="app-main" tabIndex={-1}>
        <h1 className="visually-hidden">
          {topbar.brand}: {topbar.docName}
        </h1>
        {ready ? (
          children
        ) : (
          <div className="loading" data-testid="loading">
            {loading}
          </div>
        )}
      </main>
      {overlay}
      <LiveRegion />
    </div>
  )
}
