import type { AwarenessUser, ConnectionStatus } from '@weft/client'
import type { ReactNode } from 'react'
import { ConnectionBadge } from './ConnectionBadge.tsx'
import { PresenceList } from './PresenceList.tsx'
import type { Presence } from './usePresence.ts'
import type { Session } from './useSession.ts'
import { YouMenu } from './YouMenu.tsx'

export type TopbarProps = {
  /** "Weft Grid", linking to `home` (the app's landing page). */
  brand: string
  home: string
  /** What the document is called on screen, and (as its tooltip) its full document name. */
  docName: string
  docTitle: string
  /** Shown in place of `docName` when given: the editable title (TitleEditor). */
  title?: ReactNode
  status: ConnectionStatus
  session: Session
  users: readonly AwarenessUser<unknown>[]
  /** For the presence list's screen-reader label: "People in this grid". */
  peopleLabel: string
  online?: Presence
  /** The app's own buttons, after the presence list. */
  children?: ReactNode
}

/** The bar at the top of every app: brand, document, connection status and who is here. */
export function Topbar({
  brand,
  home,
  docName,
  docTitle,
  title,
  status,
  session,
  users,
  peopleLabel,
  online,
  children,
}: TopbarProps) {
  return (
    <header className="topbar">
      <a className="brand" href={home}>
        {brand}
      </a>
      {title ?? (
        <span className="doc-name" title={docTitle}>
          {docName}
        </span>
      )}
      <ConnectionBadge status={status} />
      <PresenceList
        users={users}
        online={online}
        me={session.identity}
        you={<YouMenu session={session} />}
        label={peopleLabel}
      />
      {children}
    </header>
  )
}
