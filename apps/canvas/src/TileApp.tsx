import type { HocuspocusProvider } from '@hocuspocus/provider'
import { CanvasModel, type TileBoardConfig } from '@weft/canvas-model'
import type { AwarenessUser } from '@weft/client'
import { DevModeBanner, Topbar, useCollabDocument } from '@weft/react'
import {
  type KeyboardEvent,
  memo,
  type PointerEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { documentNameFor } from './docId.ts'
import { ModeSwitch } from './ModeSwitch.tsx'
import {
  type PlacementAnswer,
  type PlacementRequest,
  type TileAt,
  TilePlacer,
} from './tilePlacer.ts'

/** What each client publishes in awareness on a tile board besides `user`. */
export type TileAwareness = { hover?: TileAt | null }

type Message = { kind: 'ok' | 'error'; text: string }

declare global {
  interface Window {
    /**
     * Test and debugging hook: sends one placement exactly as given (no client-side checks, so
     * out-of-bounds or bad colours reach the server) through the same path as a click.
     */
    __tilePlace?: (row: number, col: number, colour: number) => Promise<PlacementAnswer>
  }
}

/**
 * The tile board of a canvas (`canvas:<id>/tiles`). The connection is read-only: the board
 * changes only through placements the server validates (`tile.place` → `tile.result`).
 */
export function TileApp({ docId }: { docId: string }) {
  const documentName = documentNameFor({ id: docId, mode: 'tiles' })
  const { session, provider, synced, status, version, users, online } =
    useCollabDocument<TileAwareness>(documentName)
  const model = useMemo(() => (provider ? new CanvasModel(provider.document) : null), [provider])
  const placer = useTilePlacer(provider)

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the signal that the doc changed
  const board = useMemo(() => (synced ? (model?.board ?? null) : null), [model, synced, version])
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the signal that the doc changed
  const tiles = useMemo(
    () => (model ? (Object.fromEntries(model.tiles.entries()) as Record<string, number>) : {}),
    [model, version],
  )

  const [colour, setColour] = useState(3)
  const [message, setMessage] = useState<Message | null>(null)

  useEffect(() => {
    if (!model) return
    // Read-only hook for tests and debugging: the document as plain JSON.
    Object.defineProperty(window, '__canvasDoc', {
      configurable: true,
      get: () => JSON.stringify(model.snapshot()),
    })
  }, [model])

  const place = useCallback(
    async (row: number, col: number, index: number) => {
      const current = placer.ref.current
      if (!current) return { ok: false, reason: 'not connected' }
      const answer = await current.place({ row, col, colour: index })
      if (answer.ok) setMessage({ kind: 'ok', text: `Placed at row ${row + 1}, column ${col + 1}` })
      else setMessage({ kind: 'error', text: `Refused: ${answer.reason ?? 'no reason given'}` })
      return answer
    },
    [placer.ref],
  )

  useEffect(() => {
    window.__tilePlace = place
    return () => {
      delete window.__tilePlace
    }
  }, [place])

  const onHover = useCallback(
    (at: TileAt | null) => provider?.setAwarenessField('hover', at),
    [provider],
  )
  const remote = useMemo(() => users.filter((u) => !u.isLocal), [users])

  return (
    <div className="app">
      <DevModeBanner />
      <Topbar
        brand="Weft Canvas"
        home="/canvas/"
        docName={`${docId} · tiles`}
        docTitle={documentName}
        status={status}
        session={session}
        users={users}
        online={online}
        peopleLabel="People on this tile board"
      >
        <ModeSwitch id={docId} mode="tiles" />
      </Topbar>
      {board ? (
        <>
          <div className="toolbar tile-toolbar">
            <Palette palette={board.palette} value={colour} onChange={setColour} />
            <span className="sep" />
            <output
              className="tile-message"
              data-testid="tile-message"
              data-kind={message?.kind}
              aria-live="polite"
            >
              {message?.text ?? 'Click a tile to place the chosen colour.'}
            </output>
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
      ) : (
        <div className="loading" data-testid="loading">
          {synced ? 'Waiting for the server to set up the board…' : 'Loading tile board…'}
        </div>
      )}
    </div>
  )
}

/** One placer per provider, and the placements still waiting for the server (for display). */
function useTilePlacer(provider: HocuspocusProvider | null) {
  const current = useRef<TilePlacer | null>(null)
  const [pending, setPending] = useState<PlacementRequest[]>([])
  useEffect(() => {
    if (!provider) return
    const placer = new TilePlacer({
      send: (payload) => provider.sendStateless(payload),
      onPending: setPending,
    })
    const onStateless = ({ payload }: { payload: string }) => placer.receive(payload)
    provider.on('stateless', onStateless)
    current.current = placer
    return () => {
      provider.off('stateless', onStateless)
      placer.destroy()
      if (current.current === placer) current.current = null
    }
  }, [provider])
  return { ref: current, pending }
}

function Palette({
  palette,
  value,
  onChange,
}: {
  palette: string[]
  value: number
  onChange: (index: number) => void
}) {
  return (
    <div className="palette" data-testid="palette">
      {palette.map((hex, i) => (
        <button
          // biome-ignore lint/suspicious/noArrayIndexKey: the palette is fixed; the index is the colour
          key={i}
          type="button"
          aria-pressed={i === value}
          aria-label={`Colour ${i} ${hex}`}
          title={hex}
          className={i === value ? 'swatch on' : 'swatch'}
          data-colour-index={i}
          style={{ background: hex }}
          onClick={() => onChange(i)}
        />
      ))}
    </div>
  )
}

type BoardProps = {
  board: TileBoardConfig
  tiles: Record<string, number>
  colour: number
  pending: PlacementRequest[]
  remote: AwarenessUser<TileAwareness>[]
  onPlace: (row: number, col: number) => void
  onHover: (at: TileAt | null) => void
}

/** The board as SVG: one unit per tile, scaled to fit; overlays for hover, pending and others. */
function TileBoardView({ board, tiles, colour, pending, remote, onPlace, onHover }: BoardProps) {
  const [hover, setHover] = useState<TileAt | null>(null)
  const tileAt = (e: PointerEvent<SVGSVGElement>): TileAt | null => {
    const el = (e.target as Element).closest('[data-tile]')
    if (!el) return null
    return { row: Number(el.getAttribute('data-row')), col: Number(el.getAttribute('data-col')) }
  }
  const hoverAt = (at: TileAt | null) => {
    if (at?.row === hover?.row && at?.col === hover?.col) return
    setHover(at)
    onHover(at)
  }
  const onMove = (e: PointerEvent<SVGSVGElement>) => hoverAt(tileAt(e))
  // Keyboard: arrows move the highlighted tile, Enter or Space places there.
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const at = hover ?? { row: 0, col: 0 }
    const step: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    }
    const d = step[e.key]
    if (d) {
      hoverAt({
        row: Math.min(board.rows - 1, Math.max(0, at.row + (hover ? d[0] : 0))),
        col: Math.min(board.cols - 1, Math.max(0, at.col + (hover ? d[1] : 0))),
      })
    } else if ((e.key === 'Enter' || e.key === ' ') && hover) {
      onPlace(hover.row, hover.col)
    } else return
    e.preventDefault()
  }
  return (
    <div className="stage tile-stage">
      <svg
        data-testid="tile-board"
        role="application"
        aria-label={`Tile board, ${board.rows} × ${board.cols}`}
        viewBox={`-0.5 -0.5 ${board.cols + 1} ${board.rows + 1}`}
        preserveAspectRatio="xMidYMid meet"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the board is one focusable control (role application)
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerMove={onMove}
        onPointerLeave={() => {
          setHover(null)
          onHover(null)
        }}
        onClick={(e) => {
          const at = tileAt(e as unknown as PointerEvent<SVGSVGElement>)
          if (at) onPlace(at.row, at.col)
        }}
      >
        <TileGrid board={board} tiles={tiles} />
        <g pointerEvents="none">
          {hover && (
            <rect
              data-testid="tile-hover"
              x={hover.col}
              y={hover.row}
              width={1}
              height={1}
              fill={board.palette[colour]}
              fillOpacity={0.6}
              stroke="#1a73e8"
              strokeWidth={0.08}
            />
          )}
          {pending.map((p) => (
            <rect
              key={p.requestId}
              className="tile-pending"
              data-testid="tile-pending"
              data-row={p.row}
              data-col={p.col}
              x={p.col + 0.15}
              y={p.row + 0.15}
              width={0.7}
              height={0.7}
              fill={board.palette[p.colour] ?? '#000'}
              stroke="#000"
              strokeWidth={0.06}
              strokeDasharray="0.15 0.1"
            />
          ))}
          {remote.map((u) => {
            const at = u.state.hover
            if (!at) return null
            return (
              <g key={u.clientId} data-testid="remote-tile-cursor" data-user={u.user.name}>
                <rect
                  x={at.col}
                  y={at.row}
                  width={1}
                  height={1}
                  fill="none"
                  stroke={u.user.color}
                  strokeWidth={0.12}
                />
                <text
                  x={at.col + 1.1}
                  y={at.row + 1.5}
                  fontSize={0.6}
                  fill={u.user.color}
                  fontFamily="system-ui, sans-serif"
                >
                  {u.user.name}
                </text>
              </g>
            )
          })}
        </g>
      </svg>
    </div>
  )
}

/** All tiles; re-renders only when the tiles change (not on hover, pending or presence). */
const TileGrid = memo(function TileGrid({
  board,
  tiles,
}: {
  board: TileBoardConfig
  tiles: Record<string, number>
}) {
  const cells = []
  for (let row = 0; row < board.rows; row++) {
    for (let col = 0; col < board.cols; col++) {
      const key = `${row}:${col}`
      const index = tiles[key]
      cells.push(
        <rect
          key={key}
          data-tile={key}
          data-row={row}
          data-col={col}
          data-colour={index ?? ''}
          x={col}
          y={row}
          width={1}
          height={1}
          fill={index === undefined ? '#ffffff' : (board.palette[index] ?? '#ffffff')}
        />,
      )
    }
  }
  return (
    <g data-layer="tiles" shapeRendering="crispEdges">
      {cells}
      <path
        d={gridLines(board)}
        stroke="#dee2e6"
        strokeWidth={1}
        vectorEffect="non-scaling-stroke"
        pointerEvents="none"
      />
    </g>
  )
})

/** Lines between tiles, one path (drawn one screen pixel wide at any size). */
function gridLines({ rows, cols }: TileBoardConfig): string {
  const d: string[] = []
  for (let r = 0; r <= rows; r++) d.push(`M0 ${r}H${cols}`)
  for (let c = 0; c <= cols; c++) d.push(`M${c} 0V${rows}`)
  return d.join('')
}
