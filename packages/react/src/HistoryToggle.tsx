import type { RefObject } from 'react'

type Props = {
  open: boolean
  /** Called with the new state; closing also leaves any past version on screen. */
  onOpenChange: (open: boolean) => void
  /** Where focus returns when the panel closes from inside. */
  buttonRef: RefObject<HTMLButtonElement | null>
}

/** The top bar's History button of every app: opens and closes the version history panel. */
export function HistoryToggle({ open, onOpenChange, buttonRef }: Props) {
  return (
    <button
      ref={buttonRef}
      type="button"
      className={open ? 'on' : ''}
      aria-pressed={open}
      onClick={() => onOpenChange(!open)}
      data-testid="history-toggle"
    >
      History
    </button>
  )
}
