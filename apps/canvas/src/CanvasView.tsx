import type { CanvasModel, Shape, ShapePatch, ShapeStyle } from '@weft/canvas-model'
import type { AwarenessUser } from '@weft/client'
import { announce } from '@weft/react'
import {
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  useEffect,
  useMemo,
  useRef,
  useState,
  type WheelEvent,
} from 'react'
import type { CanvasAwareness } from './awareness.ts'
import { type CanvasCommand, canvasCommand } from './canvasKeys.ts'
import { coverFor, viewport, visibleShapes } from './cull.ts'
import { describeShape } from './describeShape.ts'
import { detailFor } from './detail.ts'
import { type Box, type Camera, type Point, resizeBox, round, toCanvas } from './geometry.ts'
import {
  draftShape,
  drawnShape,
  type Gesture,
  pressOutcome,
  stepOutcome,
  textEdit,
  textShape,
} from './gestures.ts'
import { shapeAt } from './hitTest.ts'
import { keyboardShape } from './keyboardShape.ts'
import { RasterLayer } from './RasterLayer.tsx'
import { RemotePresence } from './RemotePresence.tsx'
import { SelectionOutlines } from './SelectionOutlines.tsx'
import { MemoShapeView, ShapeView } from './ShapeView.tsx'
import type { Tool } from './tools.ts'
import { useDrawnZoom } from './useDrawnZoom.ts'
import { useImageInput } from './useImageInput.ts'
import type { LiveDrag } from './useLiveDrag.ts'
import { wheelCamera } from './wheel.ts'

type Props = {
  model: CanvasModel
  shapes: readonly Shape[]
  tool: Tool
  style: ShapeStyle
  selection: string[]
  onSelection: (ids: string[]) => void
  onToolDone: () => void
  /** Starts a new undo step (one drag = one undo). */
  onGestureStart: () => void
  onCursor: (p: Point | null) => void
  remote: AwarenessUser<CanvasAwareness>[]
  /** Keys the app runs (tools, undo, redo, duplicate, delete, Escape), only while the canvas has focus. */
  onCommand: (command: NonNullable<CanvasCommand>) => void
  /** Drawn over the stage's right edge (the shape list). */
  children?: ReactNode
  /** View only or a past version: panning, selecting and walking the shapes; nothing is changed. */
  readOnly?: boolean
  /** Moves, resizes and rotations shared live and written on release (useLiveDrag.ts). */
  drag?: Omit<LiveDrag, 'local'>
  /** Pasted or dropped image files, and where on the canvas (useImageInput.ts). */
  onImages?: (files: File[], at: Point) => void
}

/** What a view-only canvas still does from the keyboard. */
const VIEW_ONLY_KEYS = new Set(['pan', 'cycle', 'escape'])

export function CanvasView(props: Props) {
  const { model, shapes, tool, style, selection } = props
  const viewRef = useRef<HTMLDivElement>(null)
  const [cam, setCam] = useState<Camera>({ x: 0, y: 0, zoom: 1 })
  const [draft, setDraft] = useState<Shape | null>(null)
  const gesture = useRef<Gesture | null>(null)
  const [size, setSize] = useState({ w: 0, h: 0 })

  useEffect(() => {
    const view = viewRef.current
    if (!view) return
    const measure = () => setSize({ w: view.clientWidth, h: view.clientHeight })
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(view)
    return () => observer.disconnect()
  }, [])

  // Render only shapes near the screen (and the selection, which a drag moves). The render area
  // changes only when the viewport leaves it, so most pan steps keep the same `visible` array
  // and the same child elements, which React then skips without looking at each shape.
  // During a wheel burst the drawing keeps its zoom and render area and is only scaled (see
  // useDrawnZoom); both follow the camera again when it is redrawn at the shown zoom.
  const { zoom: drawnZoom, settled } = useDrawnZoom(cam.zoom)
  const coverRef = useRef<Box | null>(null)
  const cover =
    drawnZoom === cam.zoom || !coverRef.current
      ? coverFor(coverRef.current, viewport(cam, size.w, size.h))
      : coverRef.current
  coverRef.current = cover
  const keep = useMemo(() => new Set(selection), [selection])
  const visible = useMemo(() => visibleShapes(shapes, cover, keep), [shapes, cover, keep])
  // Far out (detail.ts) the shapes are painted onto a canvas instead of being SVG elements; the
  // SVG above it keeps only the selection, presence and the shape being drawn.
  const raster = detailFor(drawnZoom, settled) === 'coarse'
  const layer = useMemo(
    () => (raster ? [] : visible.map((s) => <MemoShapeView key={s.id} shape={s} />)),
    [visible, raster],
  )
  const place = {
    transform: `translate(${(cover.x - cam.x) * cam.zoom}px, ${(cover.y - cam.y) * cam.zoom}px) scale(${cam.zoom / drawnZoom})`,
  }
  // The selected shapes (ours and others') as `shapes` holds them: where they are drawn, also
  // while someone drags them. One pass collecting only those, not a map of the whole board.
  const byId = useMemo(() => {
    const wanted = new Set(selection)
    for (const u of props.remote) for (const id of u.state.selection ?? []) wanted.add(id)
    const found = new Map<string, Shape>()
    if (wanted.size > 0) for (const s of shapes) if (wanted.has(s.id)) found.set(s.id, s)
    return found
  }, [selection, shapes, props.remote])
  const selected = useMemo(() => selection.flatMap((id) => byId.get(id) ?? []), [selection, byId])

  const local = (e: { clientX: number; clientY: number }): { sx: number; sy: number } => {
    const r = viewRef.current?.getBoundingClientRect()
    return { sx: e.clientX - (r?.left ?? 0), sy: e.clientY - (r?.top ?? 0) }
  }
  const at = (e: { clientX: number; clientY: number }): Point => {
    const { sx, sy } = local(e)
    const p = toCanvas(cam, sx, sy)
    return { x: round(p.x), y: round(p.y) }
  }

  useImageInput(viewRef, props.readOnly ? undefined : props.onImages, {
    at,
    middle: () => toCanvas(cam, size.w / 2, size.h / 2),
  })

  // The wheel pans and zooms the board (wheel.ts): a non-passive listener stops the page from
  // scrolling and the browser from zooming the page on Ctrl+wheel or a pinch.
  useEffect(() => {
    const view = viewRef.current
    if (!view) return
    const stop = (e: globalThis.WheelEvent) => e.preventDefault()
    view.addEventListener('wheel', stop, { passive: false })
    return () => view.removeEventListener('wheel', stop)
  }, [])

  const onWheel = (e: WheelEvent<HTMLDivElement>) => {
    const { sx, sy } = local(e)
    setCam((c) => wheelCamera(c, e, sx, sy))
  }

  // The keyboard's share of what the pointer does (canvasKeys.ts): draw at the middle of the
  // view, move and resize the selection, pan, walk the shapes, edit a text.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return
    if (e.key === 'Escape' && gesture.current && gesture.current.kind !== 'draw') {
      // Escape mid-drag puts the shapes back: nothing was written, and others stop seeing it.
      e.preventDefault()
      gesture.current = null
      props.drag?.cancel()
      return
    }
    const command = canvasCommand(e, tool, selection.length > 0)
    if (!command || (props.readOnly && !VIEW_ONLY_KEYS.has(command.kind))) return
    e.preventDefault()
    // The selected shapes as the model holds them now: a key repeats faster than the drawing
    // re-renders (once a frame), and each step must start where the previous one left off.
    const current = () => selection.flatMap((id) => model.get(id) ?? [])
    const middle = toCanvas(cam, size.w / 2, size.h / 2)
    const at = { x: round(middle.x), y: round(middle.y) }
    switch (command.kind) {
      case 'create': {
        props.onGestureStart()
        let id: string | null = null
        if (tool === 'text' || tool === 'sticky') {
          const text = window.prompt(tool === 'text' ? 'Text' : 'Note', '')
          if (text) id = model.add(textShape(tool, text, at, style))
        } else {
          const init = keyboardShape(tool, at, style)
          if (init) id = model.add(init)
        }
        const added = id ? model.get(id) : null
        if (id && added) {
          props.onSelection([id])
          announce(`Added ${describeShape(added)}`)
        }
        props.onToolDone()
        return
      }
      case 'edit': {
        const s = selected.length === 1 ? selected[0] : undefined
        if (!s || (s.type !== 'text' && s.type !== 'sticky')) return
        const text = window.prompt('Edit text', s.text)
        if (text === null) return
        props.onGestureStart()
        model.update(s.id, textEdit(s, text))
        return
      }
      case 'move':
        props.onGestureStart()
        model.updateMany(
          current().map((s) => [s.id, { x: round(s.x + command.dx), y: round(s.y + command.dy) }]),
        )
        return
      case 'resize':
        props.onGestureStart()
        model.updateMany(current().map((s) => [s.id, resizeBox(s, command.dw, command.dh)]))
        return
      case 'selectAll':
        props.onSelection(shapes.map((sh) => sh.id))
        announce(`${shapes.length} shapes selected`)
        return
      case 'pan':
        setCam((c) => ({ ...c, x: c.x + command.dx / c.zoom, y: c.y + command.dy / c.zoom }))
        return
      case 'cycle': {
        if (shapes.length === 0) return
        const i = shapes.findIndex((s) => s.id === selection[0])
        const next = shapes.at(
          i < 0 ? (command.step > 0 ? 0 : -1) : (i + command.step) % shapes.length,
        )
        if (!next) return
        props.onSelection([next.id])
        // Bring it into view if it is off screen, so the eye follows too.
        const view = viewport(cam, size.w, size.h)
        const inside =
          next.x < view.x + view.w &&
          next.x + next.w > view.x &&
          next.y < view.y + view.h &&
          next.y + next.h > view.y
        if (!inside) {
          setCam((c) => ({
            ...c,
            x: next.x + next.w / 2 - size.w / 2 / c.zoom,
            y: next.y + next.h / 2 - size.h / 2 / c.zoom,
          }))
        }
        announce(describeShape(next))
        return
      }
      default:
        props.onCommand(command)
    }
  }

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 && e.button !== 1) return
    // The canvas takes focus on a press, so its keys (Delete, Ctrl+D…) act on what was drawn.
    viewRef.current?.focus({ preventScroll: true })
    viewRef.current?.setPointerCapture(e.pointerId)
    const point = at(e)
    const target = e.target as Element
    const handle = target.closest('[data-handle]')?.getAttribute('data-handle') ?? null
    const outcome = pressOutcome({
      button: e.button,
      tool,
      shift: e.shiftKey,
      handle,
      hitId: handle ? null : shapeIdAt(target, point),
      point,
      screen: local(e),
      cam,
      selection,
      shapeOf: (id) => model.get(id),
    })
    if (outcome.kind === 'ignore') return
    if (props.readOnly && outcome.kind !== 'pan') {
      // Selecting shows what a shape is; its drag (a move or a resize) is not offered.
      if (outcome.kind === 'select' && outcome.selection) props.onSelection(outcome.selection)
      return
    }
    if (outcome.kind === 'pan') {
      if (outcome.clearSelection) props.onSelection([])
      gesture.current = outcome.gesture
      return
    }
    props.onGestureStart()
    if (outcome.kind === 'select') {
      if (outcome.selection) props.onSelection(outcome.selection)
      if (outcome.gesture) gesture.current = outcome.gesture
    } else if (outcome.kind === 'text') {
      const text = window.prompt(outcome.tool === 'text' ? 'Text' : 'Note', '')
      if (text) props.onSelection([model.add(textShape(outcome.tool, text, point, style))])
      props.onToolDone()
    } else {
      gesture.current = outcome.gesture
    }
  }

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const p = at(e)
    props.onCursor(p)
    const g = gesture.current
    if (!g) return
    const step = stepOutcome(g, p, local(e), tool)
    if (step.kind === 'camera') setCam(step.cam)
    else if (props.readOnly) return
    // Each step carries the whole position (the model stores it with w, h as one `box` value),
    // so a concurrent drag by someone else ends on their position or ours, never a mix. With
    // live drags it is only shown (and published); the release writes it.
    else if (step.kind === 'move') dragStep(step.patches)
    else if (step.kind === 'update') dragStep([[step.id, step.patch]])
    else if (g.kind === 'draw') {
      g.points = step.points
      setDraft(draftShape(tool, g.points, style))
    }
  }

  const dragStep = (patches: (readonly [string, ShapePatch])[]) => {
    if (props.drag) props.drag.step(patches)
    else model.updateMany(patches)
  }

  const onPointerUp = () => {
    const g = gesture.current
    gesture.current = null
    if (g && g.kind !== 'draw' && g.kind !== 'pan') props.drag?.commit()
    if (g?.kind !== 'draw' || props.readOnly) return
    setDraft(null)
    const init = drawnShape(tool, g.points, style)
    if (!init) return
    props.onSelection([model.add(init)])
    props.onToolDone()
  }

  /** The shape under the pointer: the SVG element hit, or on the far-out canvas, by geometry. */
  const shapeIdAt = (target: Element, p: Point): string | null => {
    const id = target.closest('[data-shape-id]')?.getAttribute('data-shape-id')
    if (id || !raster) return id ?? null
    // A few screen pixels of reach: strokes are a fraction of a pixel wide this far out.
    return shapeAt(visible, p, 3 / cam.zoom)?.id ?? null
  }

  const onDoubleClick = (e: React.MouseEvent<HTMLDivElement>) => {
    if (props.readOnly) return
    const id = shapeIdAt(e.target as Element, at(e))
    const s = id ? model.get(id) : null
    if (!s || (s.type !== 'text' && s.type !== 'sticky')) return
    const text = window.prompt('Edit text', s.text)
    if (text === null) return
    props.onGestureStart()
    model.update(s.id, textEdit(s, text))
  }

  return (
    <div className="stage">
      <p id="canvas-keys" className="visually-hidden">
        Tool keys: V select, R rectangle, O ellipse, L line, A arrow, P pen, T text, S sticky. Enter
        draws the tool's shape in the middle of the view. N and Shift+N select the next and previous
        shape; arrows move the selection, Ctrl+arrows resize it, Shift for small steps; Delete
        removes it; Ctrl+A selects every shape. Without a selection, arrows pan. The wheel pans,
        Ctrl+wheel zooms.
      </p>
      <p id="canvas-summary" className="visually-hidden">
        {shapes.length === 1 ? '1 shape' : `${shapes.length} shapes`}
        {selected.length === 1 && selected[0] ? `; selected: ${describeShape(selected[0])}` : ''}
        {selected.length > 1 ? `; ${selected.length} selected` : ''}
      </p>
      {/*
        The drawing is one SVG covering the render area (the viewport plus a margin) at the
        drawn zoom, placed under the viewport by a CSS transform: a pan inside the render area,
        or a zoom step within useDrawnZoom's range, only moves or scales that composited layer,
        with no new layout, paint or raster of the shapes.
      */}
      <div
        ref={viewRef}
        className="viewport"
        data-testid="canvas"
        role="application"
        aria-label="Drawing canvas"
        aria-describedby="canvas-keys canvas-summary"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the canvas is one focusable control (role application) with its own keys
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ cursor: tool === 'select' ? 'default' : 'crosshair' }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          gesture.current = null
          props.drag?.cancel()
        }}
        onPointerLeave={() => props.onCursor(null)}
        onDoubleClick={onDoubleClick}
        onWheel={onWheel}
      >
        {raster && <RasterLayer shapes={visible} area={cover} zoom={drawnZoom} style={place} />}
        <svg
          aria-hidden="true"
          width={cover.w * drawnZoom}
          height={cover.h * drawnZoom}
          viewBox={`${cover.x} ${cover.y} ${cover.w} ${cover.h}`}
          style={place}
        >
          <g data-layer="shapes" data-total={shapes.length} data-rendered={layer.length}>
            {layer}
          </g>
          {draft && (
            <g opacity={0.6} pointerEvents="none">
              <ShapeView shape={draft} />
            </g>
          )}
          <SelectionOutlines
            shapes={selected}
            zoom={drawnZoom}
            colour="#1a73e8"
            handles={selected.length === 1}
          />
          <RemotePresence
            users={props.remote}
            shapeOf={(id) => byId.get(id) ?? null}
            zoom={drawnZoom}
          />
        </svg>
      </div>
      {props.children}
      <div className="zoom" data-testid="zoom">
        <button
          type="button"
          onClick={() => setCam({ x: 0, y: 0, zoom: 1 })}
          title="Reset view"
          aria-label={`Zoom ${Math.round(cam.zoom * 100)}%, reset view`}
        >
          {Math.round(cam.zoom * 100)}%
        </button>
      </div>
    </div>
  )
}
