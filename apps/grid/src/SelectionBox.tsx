import type { Identity } from '@weft/client'
import { readableText } from '@weft/react'
import type { Selection } from './selection.ts'

/** Another client's selection, as published in awareness. */
export type RemoteSelection = { clientId: number; user: Identity; selection: Selection }

type Props = {
  top: number
  left: number
  width: number
  height: number
  color: string
  /** Name tag shown on remote selections. */
  label?: string
  local?: boolean
}

export function SelectionBox(props: Props) {
  return (
    // Drawn for the eye only: the active cell reaches screen readers through the grid's
    // aria-activedescendant, and others' edits through the live region.
    <div
      aria-hidden="true"
      className={props.local ? 'selection local' : 'selection remote'}
      data-testid={props.local ? 'local-selection' : 'remote-selection'}
      data-user={props.label}
      style={{
        top: props.top,
        left: props.left,
        width: props.width,
        height: props.height,
        borderColor: props.color,
      }}
    >
      {props.label && (
        <span
          className="selection-label"
          style={{ background: props.color, color: readableText(props.color) }}
        >
          {props.label}
        </span>
      )}
    </div>
  )
}
