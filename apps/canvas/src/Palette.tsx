/** The board's fixed colours; the chosen one is what a click places. */
export function Palette({
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
