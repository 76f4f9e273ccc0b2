import { AppShell, announce, ConnectionProblem, useCollabDocument } from '@weft/react'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { exposeTilePlace } from './debugHooks.ts'
import { documentNameFor } from './docId.ts'
import { ModeSwitch } from './ModeSwitch.tsx'
import { Palette } from './Palette.tsx'
import { TileBoardView } from './TileBoardView.tsx'
import type { TileAwareness } from './tileAwareness.ts'
import type { TileAt } from './tilePlacer.ts'
import { useTileBoard } from './useTileBoard.ts'
import { useTilePlacer } from './useTilePlacer.ts'

type Message = { kind: 'ok' | 'error'; text: string }

/**
 * The tile board of a canvas (`canvas:<id>/tiles`). The connection is read-only: the board
 * changes only through placements the server validates (`tile.place` → `tile.result`).
 */
export function TileApp({ docId }: { docId: string }) {
  const documentName = documentNameFor({ id: docId, mode: 'tiles' })
  const { session, provider, synced, status, users, online } =
    useCollabDocument<TileAwareness>(documentName)
  const { board, tiles } = useTileBoard(provider, synced)
  const placer = useTilePlacer(provider)

  const [colour, setColour] = useState(3)
  const [message, setMessage] = useState<Message | null>(null)

  const place = useCallback(
    async (row: number, col: number, index: number) => {
      const current = placer.ref.current
      if (!current) return { ok: false, reason: 'not connected' }
      const answer = await current.place({ row, col, colour: index })
      const next: Message = answer.ok
        ? { kind: 'ok', text: `Placed at row ${row + 1}, column ${col + 1}` }
        : { kind: 'error', text: `Refused: ${answer.reason ?? 'no reason given'}` }
      setMessage(next)
      announce(next.text)
      return answer
    },
    [placer.ref],
  )
  useEffect(() => exposeTilePlace(place), [place])

  const onHover = useCallback(
    (at: TileAt | null) => provider?.setAwarenessField('hover', at),
    [provider],
  )
  const remote = useMemo(() => users.filter((u) => !u.isLocal), [users])

  return (
    <AppShell
      brand="Weft Canvas"
      home="/canvas/"
      docName={`${docId} · tiles`}
      docTitle={documentName}
      status={status}
      session={session}
      users={users}
      online={online}
      peopleLabel="People on this tile board"
      actions={<ModeSwitch id={docId} mode="tiles" />}
      loading={
        <ConnectionProblem
          status={status}
          loading={synced ? 'Waiting for the server to set up the board…' : 'Loading tile board…'}
        />
      }
    >
      {board && (
        <>
          <div className="toolbar tile-toolbar">
            <Palette palette={board.palette} value={colour} onChange={setColour} />
            <span className="sep" />
            {/* Read out through the page's live region (announce), not a second one here. */}
            <p className="tile-message" data-testid="tile-message" data-kind={message?.kind}>
              {message?.text ??
                'Click a tile, or use the arrow keys on the board and Enter, to place the chosen colour.'}
            </p>
          </div>
          <TileBoardView
            board={board}
            tiles={tiles}
            colour={colour}
            pending={placer.pending}
            remote={remote}
            onPlace={(row, col) => void place(row, col, colour)}
            onHover={onHover}
          />
        </>
      )}
    </AppShell>
  )
}
