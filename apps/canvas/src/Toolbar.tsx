import type { ShapeStyle } from '@weft/canvas-model'
import { SHAPE_LIST_ID } from './ShapeList.tsx'
import { COLOURS, FILLS, TOOLS, type Tool, WIDTHS } from './tools.ts'

type Props = {
  tool: Tool
  onTool: (t: Tool) => void
  style: ShapeStyle
  onStyle: (patch: Partial<ShapeStyle>) => void
  hasSelection: boolean
  canUndo: boolean
  canRedo: boolean
  onAction: (action: Action) => void
  /** The shape list beside the canvas (ShapeList.tsx), open or not. */
  shapeList: boolean
  onShapeList: () => void
}

export type Action =
  | 'delete'
  | 'duplicate'
  | 'forward'
  | 'backward'
  | 'front'
  | 'back'
  | 'undo'
  | 'redo'
  | 'svg'
  | 'png'

export function Toolbar({
  tool,
  onTool,
  style,
  onStyle,
  hasSelection,
  canUndo,
  canRedo,
  onAction,
  shapeList,
  onShapeList,
}: Props) {
  // Compact buttons (a glyph or a short word) keep the bar on one row at 1280 px; the accessible
  // name and the tooltip say the whole action.
  const act = (
    action: Action,
    name: string,
    enabled = hasSelection,
    title = name,
    glyph = name,
  ) => (
    <button
      type="button"
      disabled={!enabled}
      onClick={() => onAction(action)}
      title={title}
      aria-label={glyph === name ? undefined : name}
      className={glyph === name ? undefined : 'glyph'}
    >
      {glyph}
    </button>
  )
  return (
    <div className="toolbar" role="toolbar" aria-label="Drawing tools">
      {TOOLS.map((t) => (
        <button
          key={t.tool}
          type="button"
          className={tool === t.tool ? 'on' : ''}
          aria-pressed={tool === t.tool}
          onClick={() => onTool(t.tool)}
          title={`${t.label} (${t.key.toUpperCase()})`}
          data-tool={t.tool}
        >
          {t.label}
        </button>
      ))}
      <span className="sep" />
      {COLOURS.map((c) => (
        <button
          key={c}
          type="button"
          className={`swatch ${style.stroke === c ? 'on' : ''}`}
          style={{ background: c }}
          aria-label={`Stroke ${c}`}
          data-stroke={c}
          onClick={() => onStyle({ stroke: c })}
        />
      ))}
      <span className="sep" />
      {FILLS.map((c) => (
        <button
          key={c}
          type="button"
          className={`swatch ${style.fill === c ? 'on' : ''}`}
          style={{
            background:
              c === 'none' ? 'repeating-linear-gradient(45deg,#fff 0 4px,#ddd 4px 8px)' : c,
          }}
          aria-label={`Fill ${c}`}
          data-fill={c}
          onClick={() => onStyle({ fill: c })}
        />
      ))}
      <select
        aria-label="Stroke width"
        value={style.strokeWidth}
        onChange={(e) => onStyle({ strokeWidth: Number(e.target.value) })}
      >
        {WIDTHS.map((w) => (
          <option key={w} value={w}>
            {w}px
          </option>
        ))}
      </select>
      <span className="sep" />
      {act('duplicate', 'Duplicate', hasSelection, 'Duplicate (Ctrl+D)', '⧉')}
      {act('delete', 'Delete', hasSelection, 'Delete (Del)', '✕')}
      {act('forward', 'Forward', hasSelection, 'Forward', '↑')}
      {act('backward', 'Backward', hasSelection, 'Backward', '↓')}
      {act('front', 'To front', hasSelection, 'To front', '⤒')}
      {act('back', 'To back', hasSelection, 'To back', '⤓')}
      <span className="sep" />
      {act('undo', 'Undo', canUndo, 'Undo your last change (Ctrl+Z)', '↶')}
      {act('redo', 'Redo', canRedo, 'Redo (Ctrl+Shift+Z)', '↷')}
      <span className="sep" />
      {act('svg', 'Export SVG', true, 'Export SVG', 'SVG')}
      {act('png', 'Export PNG', true, 'Export PNG', 'PNG')}
      <span className="sep" />
      <button
        type="button"
        className={shapeList ? 'on' : ''}
        aria-expanded={shapeList}
        aria-controls={SHAPE_LIST_ID}
        aria-label="Shape list"
        title="Shape list"
        onClick={onShapeList}
      >
        List
      </button>
    </div>
  )
}
