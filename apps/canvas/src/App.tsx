import { resolveArrow, type ShapeStyle } from '@weft/canvas-model'
import {
  AppShell,
  announce,
  ConnectionProblem,
  HistoryPanel,
  HistoryToggle,
  ShareButton,
  TitleEditor,
  useAccess,
  useCollabDocument,
  useDocSelector,
  useDocumentTitle,
  useVersionPreview,
  VersionBanner,
  ViewOnlyBadge,
} from '@weft/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import * as Y from 'yjs'
import { AssetStore } from './assetStore.ts'
import type { CanvasAwareness } from './awareness.ts'
import { CanvasView } from './CanvasView.tsx'
import type { CanvasCommand } from './canvasKeys.ts'
import { download, exportedImages, exportPng, exportSvg } from './exportImage.ts'
import type { Point } from './geometry.ts'
import { overlayDrags, previewOf, readDrag } from './liveDrag.ts'
import { ModeSwitch } from './ModeSwitch.tsx'
import { bringBackShape, disposePastCanvas, loadPastCanvas } from './pastCanvas.ts'
import { ShapeList } from './ShapeList.tsx'
import { type Action, Toolbar } from './Toolbar.tsx'
import { INITIAL_STYLE, type Tool } from './tools.ts'
import { useAnnounceRemoteShapes } from './useAnnounceRemoteShapes.ts'
import { AssetUrlsContext } from './useAssetUrl.ts'
import { useCanvas } from './useCanvas.ts'
import { useImageAdder } from './useImageAdder.ts'
import { useLiveDrag } from './useLiveDrag.ts'

export function App({ docId }: { docId: string }) {
  const documentName = `canvas:${docId}`
  const { session, provider, synced, status, users, online } =
    useCollabDocument<CanvasAwareness>(documentName)
  const canvas = useCanvas(provider)
  const readOnly = useAccess(provider) === 'read'

  const [tool, setTool] = useState<Tool>('select')
  const [style, setStyle] = useState<ShapeStyle>(INITIAL_STYLE)
  const [selection, setSelection] = useState<string[]>([])
  const [shapeList, setShapeList] = useState(false)
  // The canvas's images, fetched with this user's token (assetStore.ts).
  const assets = useMemo(
    () => new AssetStore(documentName, session.token),
    [documentName, session.token],
  )
  useEffect(() => () => assets.dispose(), [assets])
  const images = useImageAdder(
    documentName,
    session.token,
    canvas?.model ?? null,
    assets,
    setSelection,
  )

  const doc = provider?.document ?? null
  const title = useDocumentTitle(documentName, session.token, doc)
  const shownTitle = title.title ?? docId
  const [historyOpen, setHistoryOpen] = useState(false)
  const historyToggle = useRef<HTMLButtonElement>(null)
  const preview = useVersionPreview(
    documentName,
    session.token,
    useCallback(
      (version: string) => loadPastCanvas(documentName, session.token, version),
      [documentName, session.token],
    ),
    disposePastCanvas,
  )
  const past = preview.viewing?.content ?? null
  const [pastSelection, setPastSelection] = useState<string[]>([])
  const pastShapes = useMemo(() => past?.list() ?? [], [past])
  const shapes = useDocSelector(
    doc,
    useCallback(() => canvas?.model.list() ?? [], [canvas]),
  )
  const history = useDocSelector(
    doc,
    useCallback(
      () => ({
        canUndo: canvas?.undo.canUndo() ?? false,
        canRedo: canvas?.undo.canRedo() ?? false,
      }),
      [canvas],
    ),
  )
  // Shapes deleted by anyone drop out of the selection.
  const live = useMemo(() => {
    const present = new Set(shapes.map((s) => s.id))
    return selection.filter((id) => present.has(id))
  }, [selection, shapes])

  useEffect(() => {
    provider?.setAwarenessField('selection', live)
  }, [provider, live])

  const cursorFrame = useRef(0)
  const onCursor = useCallback(
    (p: Point | null) => {
      cancelAnimationFrame(cursorFrame.current)
      cursorFrame.current = requestAnimationFrame(() => provider?.setAwarenessField('cursor', p))
    },
    [provider],
  )

  const onStyle = (patch: Partial<ShapeStyle>) => {
    setStyle((s) => ({ ...s, ...patch }))
    // Picking a colour or width with shapes selected restyles them (one undo step).
    if (canvas && live.length) {
      canvas.undo.stopCapturing()
      canvas.model.updateMany(live.map((id) => [id, patch] as const))
    }
  }

  const onAction = useCallback(
    async (action: Action) => {
      if (!canvas) return
      const { model, undo } = canvas
      undo.stopCapturing()
      switch (action) {
        case 'delete':
          model.delete(live)
          setSelection([])
          break
        case 'duplicate':
          setSelection(model.duplicate(live))
          break
        case 'forward':
          for (const id of [...live].reverse()) model.step(id, 1)
          break
        case 'backward':
          for (const id of live) model.step(id, -1)
          break
        case 'front':
          model.toFront(live)
          break
        case 'back':
          model.toBack(live)
          break
        case 'undo':
          undo.undo()
          break
        case 'redo':
          undo.redo()
          break
        case 'svg':
        case 'png': {
          // Bound arrows as drawn, ending on their shapes where those are now.
          const shapes = model.list().map((s) => resolveArrow(s, (id) => model.get(id)))
          const svg = exportSvg(shapes, await exportedImages(shapes, (id) => assets.blob(id)))
          if (action === 'svg') download(`canvas-${docId}.svg`, svg)
          else download(`canvas-${docId}.png`, await exportPng(svg))
          break
        }
      }
    },
    [canvas, live, docId, assets],
  )

  // The canvas's keys reach here only while it has focus (CanvasView, canvasKeys.ts): a tool
  // letter typed on a button or in a field is just that.
  const onCommand = useCallback(
    (command: NonNullable<CanvasCommand>) => {
      if (command.kind === 'tool') setTool(command.tool)
      else if (command.kind === 'escape') {
        setSelection([])
        setTool('select')
      } else if (
        command.kind === 'undo' ||
        command.kind === 'redo' ||
        command.kind === 'duplicate' ||
        command.kind === 'delete'
      )
        void onAction(command.kind)
    },
    [onAction],
  )

  const remote = useMemo(() => users.filter((u) => !u.isLocal), [users])
  // Shapes others are dragging, and this user's own drag, drawn where they are being dragged.
  const drag = useLiveDrag(canvas?.model ?? null, provider)
  // A released drag is drawn until this document holds its write (previewOf), so the selection
  // runs again after each change of the document as well as of the peers' states.
  const remoteDrags = useDocSelector(
    doc,
    useCallback(() => {
      const held = (client: number) => (doc ? Y.getState(doc.store, client) : 0)
      return remote.map((u) => previewOf(readDrag(u.state.drag), held))
    }, [doc, remote]),
  )
  const shown = useMemo(
    () => overlayDrags(shapes, [...remoteDrags, drag.local]),
    [shapes, remoteDrags, drag.local],
  )
  useAnnounceRemoteShapes(canvas, synced, remote)

  return (
    <AppShell
      brand="Weft Canvas"
      home="/canvas/"
      docName={shownTitle}
      docTitle={documentName}
      title={<TitleEditor shown={shownTitle} documentName={documentName} title={title} />}
      status={status}
      session={session}
      users={users}
      online={online}
      peopleLabel="People on this canvas"
      actions={
        <>
          {readOnly && <ViewOnlyBadge />}
          <ShareButton documentName={documentName} token={session.token} users={users} />
          <ModeSwitch id={docId} mode="free" />
          <HistoryToggle
            open={historyOpen}
            onOpenChange={(open) => {
              if (!open) preview.close()
              setHistoryOpen(open)
            }}
            buttonRef={historyToggle}
          />
        </>
      }
      loading={<ConnectionProblem status={status} loading="Loading canvas…" />}
    >
      {canvas && synced && (
        <>
          <VersionBanner preview={preview} noun="version">
            {past &&
              pastSelection.length > 0 &&
              pastSelection.some((id) => !canvas.model.get(id)) && (
                <button
                  type="button"
                  data-testid="bring-back-shape"
                  onClick={() => {
                    let count = 0
                    canvas.undo.stopCapturing()
                    for (const id of pastSelection) {
                      const shape = past.get(id)
                      if (shape && !canvas.model.get(id)) {
                        bringBackShape(canvas.model, shape)
                        count += 1
                      }
                    }
                    announce(`${count} ${count === 1 ? 'shape' : 'shapes'} brought back`)
                  }}
                >
                  Bring back selected shapes
                </button>
              )}
          </VersionBanner>
          {past || readOnly ? null : (
            <Toolbar
              tool={tool}
              onTool={setTool}
              style={style}
              onStyle={onStyle}
              hasSelection={live.length > 0}
              canUndo={history.canUndo}
              canRedo={history.canRedo}
              onAction={(a) => void onAction(a)}
              shapeList={shapeList}
              onShapeList={() => setShapeList((o) => !o)}
            />
          )}
          {images.notice && (
            <p role="alert" className="image-notice" data-testid="image-notice">
              {images.notice}{' '}
              <button type="button" onClick={images.dismiss}>
                Dismiss
              </button>
            </p>
          )}
          <AssetUrlsContext.Provider value={assets}>
            <div className="canvas-main">
              {past ? (
                <CanvasView
                  key={preview.viewing?.session.id}
                  model={past}
                  shapes={pastShapes}
                  tool="select"
                  style={style}
                  selection={pastSelection}
                  onSelection={setPastSelection}
                  onToolDone={() => {}}
                  onGestureStart={() => {}}
                  onCursor={() => {}}
                  remote={[]}
                  onCommand={() => {}}
                  readOnly
                >
                  <ShapeList
                    shapes={pastShapes}
                    selection={pastSelection}
                    onSelection={setPastSelection}
                  />
                </CanvasView>
              ) : (
                <CanvasView
                  model={canvas.model}
                  shapes={shown}
                  drag={drag}
                  onImages={images.add}
                  tool={tool}
                  style={style}
                  selection={live}
                  onSelection={setSelection}
                  onToolDone={() => setTool('select')}
                  onGestureStart={() => canvas.undo.stopCapturing()}
                  onCursor={onCursor}
                  remote={remote}
                  onCommand={onCommand}
                  readOnly={readOnly}
                >
                  {shapeList && (
                    <ShapeList shapes={shapes} selection={live} onSelection={setSelection} />
                  )}
                </CanvasView>
              )}
              {historyOpen && (
                <HistoryPanel
                  documentName={documentName}
                  token={session.token}
                  doc={doc}
                  selected={preview.viewing?.session.id ?? preview.loading?.id ?? null}
                  onSelect={(picked) => {
                    setPastSelection([])
                    preview.open(picked)
                  }}
                  onClose={() => {
                    preview.close()
                    setHistoryOpen(false)
                    historyToggle.current?.focus()
                  }}
                />
              )}
            </div>
          </AssetUrlsContext.Provider>
        </>
      )}
    </AppShell>
  )
}
