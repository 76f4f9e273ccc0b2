import { type CanvasMode, pathFor } from './docId.ts'

/** The two boards of one canvas id: free drawing (`/canvas/<id>`) and tiles (`/canvas/<id>/tiles`). */
export function ModeSwitch({ id, mode }: { id: string; mode: CanvasMode }) {
  const link = (to: CanvasMode, label: string) => (
    <a
      href={pathFor({ id, mode: to })}
      data-mode={to}
      className={to === mode ? 'on' : undefined}
      aria-current={to === mode ? 'page' : undefined}
    >
      {label}
    </a>
  )
  return (
    <nav className="mode-switch" aria-label="Board" data-testid="mode-switch">
      {link('free', 'Drawing')}
      {link('tiles', 'Tile board')}
    </nav>
  )
}
