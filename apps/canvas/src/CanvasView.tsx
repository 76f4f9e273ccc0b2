import { type CanvasModel, resolveArrow, type Shape, type ShapeStyle } from '@weft/canvas-model'
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
import { contains, coverFor, viewport, visibleShapes } from './cull.ts'
import { describeShape } from './describeShape.ts'
import { detailFor } from './detail.ts'
import { bindNewArrow, finishDrag, letGoOfStill, writeDragStep } from './dragWrites.ts'
import { type Box, type Camera, type Point, round, toCanvas } from './geometry.ts'
import { draftShape, drawnShape, type Gesture, pressOutcome, stepOutcome } from './gestures.ts'
import { groupIndex, pickTarget, withGroups } from './groups.ts'
import { resizePatches } from './handles.ts'
import { shapeAt } from './hitTest.ts'
import { keyboardShape } from './keyboardShape.ts'
import { placeLayer, placementCss } from './layerPlacement.ts'
import { Marquee } from './Marquee.tsx'
import { marqueeSelection } from './marquee.ts'
import { OverviewLayer } from './OverviewLayer.tsx'
import { RasterLayer } from './RasterLayer.tsx'
import { RemotePresence } from './RemotePresence.tsx'
import { SelectionHandles } from './SelectionHandles.tsx'
import { SelectionOutlines } from './SelectionOutlines.tsx'
import { MemoShapeView, ShapeView } from './ShapeView.tsx'
import type { Tool } from './tools.ts'
import { useBoundArrows } from './useBoundArrows.ts'
import { useCanvasClipboard } from './useCanvasClipboard.ts'
import { useDrawnZoom } from './useDrawnZoom.ts'
import { useImageInput } from './useImageInput.ts'
import type { LiveDrag } from './useLiveDrag.ts'
import { useTextEditing } from './useTextEditing.tsx'
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
  const { model, tool, style, selection } = props
  // The shapes as drawn: bound arrows end on their shapes as those are now.
  const shapes = useBoundArrows(props.shapes)
  /** One shape as drawn, read from the model now (fresher than `shapes` between renders). */
  const liveShape = (id: string) => {
    const s = model.get(id)
    return s && resolveArrow(s, (t) => model.get(t))
  }
  const viewRef = useRef<HTMLDivElement>(null)
  const [cam, setCam] = useState<Camera>({ x: 0, y: 0, zoom: 1 })
  const [draft, setDraft] = useState<Shape | null>(null)
  const gesture = useRef<Gesture | null>(null)
  const [size, setSize] = useState({ w: 0, h: 0 })
  const [marquee, setMarquee] = useState<Box | null>(null)
  // The group entered by a double-click: its shapes are then picked one by one (groups.ts).
  const [entered, setEntered] = useState<string | null>(null)
  const groups = useMemo(() => groupIndex(shapes), [shapes])
  const textEditing = useTextEditing({
    model,
    shapes,
    style,
    cam,
    viewRef,
    onGestureStart: props.onGestureStart,
    onSelection: props.onSelection,
  })
  const clipboard = useCanvasClipboard(viewRef, {
    model,
    selection,
    onSelection: props.onSelection,
    onGestureStart: props.onGestureStart,
    readOnly: props.readOnly ?? false,
  })
  const pick = (id: string) => {
    const s = model.get(id)
    return s ? pickTarget(groups, s, entered) : [id]
  }
  // Space held: a drag on empty canvas pans (as in tldraw) instead of drawing a marquee.
  const spaceHeld = useRef(false)

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
  // During a zoom gesture the drawing keeps its zoom and render area and is only scaled (see
  // useDrawnZoom); both follow the camera again when it is redrawn at the shown zoom.
  const drawn = useDrawnZoom(cam)
  const drawnZoom = drawn.zoom
  const gliding = drawnZoom !== cam.zoom
  const coverRef = useRef<Box | null>(null)
  const cover =
    drawnZoom === cam.zoom || !coverRef.current
      ? coverFor(coverRef.current, viewport(cam, size.w, size.h))
      : coverRef.current
  coverRef.current = cover
  const view = viewport(cam, size.w, size.h)
  const keep = useMemo(() => new Set(selection), [selection])
  const visible = useMemo(() => visibleShapes(shapes, cover, keep), [shapes, cover, keep])
  // Far out (detail.ts) the shapes are painted onto a canvas instead of being SVG elements; the
  // SVG above it keeps only the selection, presence and the shape being drawn.
  const raster = detailFor(drawnZoom) === 'coarse'
  const layer = useMemo(
    () => (raster ? [] : visible.map((s) => <MemoShapeView key={s.id} shape={s} />)),
    [visible, raster],
  )
  const place = { transform: placementCss(placeLayer(cover, drawnZoom, cam)) }
  // The selected shapes as `shapes` holds them (the model's own objects, see CanvasModel.get).
  const selected = useMemo(() => {
    const byId = new Map(shapes.map((s) => [s.id, s]))
    return selection.flatMap((id) => byId.get(id) ?? [])
  }, [selection, shapes])

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
    if (e.key === ' ' && tool === 'select') {
      e.preventDefault()
      spaceHeld.current = true
      return
    }
    const command = canvasCommand(e, tool, selection.length > 0)
    if (!command || (props.readOnly && !VIEW_ONLY_KEYS.has(command.kind))) return
    e.preventDefault()
    // The selected shapes as the model holds them now: a key repeats faster than the drawing
    // re-renders (once a frame), and each step must start where the previous one left off.
    const current = () => {
      letGoOfStill(model, new Set(selection))
      return selection.flatMap((id) => model.get(id) ?? [])
    }
    const middle = toCanvas(cam, size.w / 2, size.h / 2)
    const at = { x: round(middle.x), y: round(middle.y) }
    switch (command.kind) {
      case 'create': {
        if (tool === 'text' || tool === 'sticky') {
          textEditing.open({ kind: 'new', tool, at })
          props.onToolDone()
          return
        }
        props.onGestureStart()
        const init = keyboardShape(tool, at, style)
        const id = init ? model.add(init) : null
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
        if (s && (s.type === 'text' || s.type === 'sticky'))
          textEditing.open({ kind: 'edit', id: s.id })
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
        // The keyboard's handles: the bottom-right one (Ctrl+arrows) or the top-left one
        // (Ctrl+Alt+arrows), resizing the selection together as a drag of that handle would.
        model.updateMany(
          resizePatches(current(), command.handle, { x: command.dw, y: command.dh }, false),
        )
        return
      case 'group':
      case 'ungroup': {
        if (selection.length === 0) return
        props.onGestureStart()
        setEntered(null)
        if (command.kind === 'ungroup') {
          model.ungroup(selection)
          announce(`Ungrouped ${selection.length} shapes`)
        } else if (model.group(selection)) announce(`Grouped ${selection.length} shapes`)
        return
      }
      case 'escape':
        setEntered(null)
        props.onCommand(command)
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
    clipboard.dismiss()
    // The canvas takes focus on a press, so its keys (Delete, Ctrl+D…) act on what was drawn.
    viewRef.current?.focus({ preventScroll: true })
    viewRef.current?.setPointerCapture(e.pointerId)
    const point = at(e)
    const target = e.target as Element
    const handle = target.closest('[data-handle]')?.getAttribute('data-handle') ?? null
    const hitId = handle ? null : shapeIdAt(target, point)
    const outcome = pressOutcome({
      button: e.button,
      tool,
      shift: e.shiftKey,
      handle,
      hitId,
      point,
      screen: local(e),
      cam,
      selection,
      shapeOf: liveShape,
      panning: spaceHeld.current || e.pointerType === 'touch',
      pick,
    })
    // A press anywhere but on the entered group (or its handles) leaves it.
    if (entered && !handle && (!hitId || model.get(hitId)?.group !== entered)) setEntered(null)
    if (outcome.kind === 'ignore') return
    if (props.readOnly && outcome.kind !== 'pan' && outcome.kind !== 'marquee') {
      // Selecting shows what a shape is; its drag (a move or a resize) is not offered.
      if (outcome.kind === 'select' && outcome.selection) props.onSelection(outcome.selection)
      return
    }
    if (outcome.kind === 'pan' || outcome.kind === 'marquee') {
      if (outcome.clearSelection) props.onSelection([])
      gesture.current = outcome.gesture
      return
    }
    props.onGestureStart()
    if (outcome.kind === 'select') {
      if (outcome.selection) props.onSelection(outcome.selection)
      if (outcome.gesture) gesture.current = outcome.gesture
    } else if (outcome.kind === 'text') {
      textEditing.open({ kind: 'new', tool: outcome.tool, at: point })
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
    const step = stepOutcome(g, p, local(e), tool, e.shiftKey)
    if (step.kind === 'camera') setCam(step.cam)
    else if (step.kind === 'marquee') {
      setMarquee(step.box)
      const touched = marqueeSelection(shapes, step.box, step.base)
      props.onSelection(withGroups(groups, (id) => model.get(id), touched, entered))
    } else if (props.readOnly) return
    else if (step.kind === 'draft') {
      if (g.kind === 'draw') g.points = step.points
      setDraft(draftShape(tool, step.points, style))
    } else writeDragStep(model, g, step, props.drag?.step)
  }

  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const g = gesture.current
    gesture.current = null
    setMarquee(null)
    if (!g || props.readOnly) return
    if (g.kind !== 'draw') {
      if (g.kind !== 'pan') props.drag?.commit()
      finishDrag(model, g, at(e), shapes)
      return
    }
    setDraft(null)
    const init = drawnShape(tool, g.points, style)
    if (!init) return
    const id = model.add(init)
    const [start, end] = [g.points[0], g.points.at(-1)]
    if (tool === 'arrow' && start && end) bindNewArrow(model, id, start, end, shapes)
    props.onSelection([id])
    props.onToolDone()
  }

  /** The shape under the pointer: the SVG element hit, or on the far-out canvas, by geometry. */
  const shapeIdAt = (target: Element, p: Point): string | null => {
    const id = target.closest('[data-shape-id]')?.getAttribute('data-shape-id')
    if (id) return id
    // Outside the render area (a press in the middle of a zoom gesture, on the overview) the
    // shapes there are pixels too.
    const outside =
      p.x < cover.x || p.y < cover.y || p.x > cover.x + cover.w || p.y > cover.y + cover.h
    if (!raster && !outside) return null
    // A few screen pixels of reach: strokes are a fraction of a pixel wide this far out.
    return shapeAt(outside ? shapes : visible, p, 3 / cam.zoom)?.id ?? null
  }

  const onDoubleClick = (e: React.MouseEvent<HTMLDivElement>) => {
    // The press captured the pointer, so the event is aimed at the canvas itself: ask what is
    // drawn under the pointer instead.
    const under = document.elementFromPoint(e.clientX, e.clientY) ?? (e.target as Element)
    const id = shapeIdAt(under, at(e))
    const s = id ? model.get(id) : null
    if (s?.group && s.group !== entered) {
      // Into the group: this shape alone is selected, and its siblings can be picked one by one.
      setEntered(s.group)
      props.onSelection([s.id])
      return
    }
    if (props.readOnly) return
    if (s && (s.type === 'text' || s.type === 'sticky'))
      textEditing.open({ kind: 'edit', id: s.id })
  }

  return (
    <div className="stage">
      <p id="canvas-keys" className="visually-hidden">
        Tool keys: V select, R rectangle, O ellipse, L line, A arrow, P pen, T text, S sticky. Enter
        draws the tool's shape in the middle of the view. N and Shift+N select the next and previous
        shape; arrows move the selection, Ctrl+arrows resize it (Ctrl+Alt+arrows from the top-left
        corner), Shift for small steps; Enter edits a text or note; Delete removes it; Ctrl+A
        selects every shape; Ctrl+G groups the selection, Ctrl+Shift+G ungroups it, a double-click
        enters a group. Without a selection, arrows pan. The wheel pans, Ctrl+wheel zooms; a drag on
        empty canvas selects what it touches, with Space held it pans.
      </p>
      <p id="canvas-summary" className="visually-hidden">
        {shapes.length === 1 ? '1 shape' : `${shapes.length} shapes`}
        {selected.length === 1 && selected[0] ? `; selected: ${describeShape(selected[0])}` : ''}
        {selected.length > 1 ? `; ${selected.length} selected` : ''}
      </p>
      {/*
        The drawing is one SVG covering the render area (the viewport plus a margin) at the
        drawn zoom, placed under the viewport by a CSS transform: a pan inside the render area,
        or any step of a zoom gesture (useDrawnZoom), only moves or scales that composited layer,
        with no new layout, paint or raster of the shapes. Under it, the overview fills what a
        zoom-out shows past the render area until the drawing is laid out at the new zoom (the
        drawing stays transparent and clipped: an opaque background with visible overflow made
        pan steps slower, measured).
      */}
      <div
        ref={viewRef}
        className="viewport"
        data-testid="canvas"
        data-entered-group={entered ?? undefined}
        role="application"
        aria-label="Drawing canvas"
        aria-describedby="canvas-keys canvas-summary"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the canvas is one focusable control (role application) with its own keys
        tabIndex={0}
        onKeyDown={onKeyDown}
        onKeyUp={(e) => {
          if (e.key === ' ') spaceHeld.current = false
        }}
        onBlur={() => {
          spaceHeld.current = false
        }}
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
        <OverviewLayer shapes={shapes} cam={cam} shown={gliding && !contains(cover, view)} />
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
          <SelectionOutlines shapes={selected} zoom={drawnZoom} colour="#1a73e8" />
          {!props.readOnly && <SelectionHandles shapes={selected} zoom={drawnZoom} />}
          {marquee && <Marquee box={marquee} zoom={drawnZoom} />}
          <RemotePresence users={props.remote} shapeOf={liveShape} zoom={drawnZoom} />
        </svg>
        {textEditing.editor}
      </div>
      {props.children}
      {clipboard.notice && (
        <p className="canvas-notice" role="status" data-testid="canvas-notice">
          {clipboard.notice}
        </p>
      )}
      <div className="zoom" data-testid="zoom">
        <button
          type="button"
          onClick={() => {
            setCam({ x: 0, y: 0, zoom: 1 })
            drawn.redrawAt(1)
          }}
          title="Reset view"
          aria-label={`Zoom ${Math.round(cam.zoom * 100)}%, reset view`}
        >
          {Math.round(cam.zoom * 100)}%
        </button>
      </div>
    </div>
  )
}
