import type { Shape } from '@weft/canvas-model'
import { textBars } from './detail.ts'
import { absolutePoints, arrowHeadPoints, type Box } from './geometry.ts'

/**
 * Paints shapes, bottom first, onto a 2D canvas showing `area` (canvas units) at `scale` device
 * pixels per unit: the far-out screen (detail.ts). One canvas costs no layout and no DOM per shape,
 * so a redraw of the whole board is a few milliseconds of drawing calls instead of thousands of
 * SVG elements to create, lay out and paint. Same geometry and colours as ShapeView; text is
 * drawn as bars (too small to read here anyway). Not used for export, which stays SVG.
 */
export function paintShapes(
  ctx: CanvasRenderingContext2D,
  shapes: readonly Shape[],
  area: Box,
  scale: number,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height)
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  const pen = new Pen(ctx)
  let turned = true
  for (const s of shapes) {
    // Most shapes are not rotated: the plain transform is set again only after one that was.
    if (turned || s.rotation) {
      ctx.setTransform(scale, 0, 0, scale, -area.x * scale, -area.y * scale)
      turned = false
    }
    if (s.rotation) {
      const cx = s.x + s.w / 2
      const cy = s.y + s.h / 2
      ctx.translate(cx, cy)
      ctx.rotate((s.rotation * Math.PI) / 180)
      ctx.translate(-cx, -cy)
      turned = true
    }
    paintShape(ctx, pen, s)
  }
}

/**
 * Sets colours and widths only when they change: each assignment of a colour string is parsed
 * again by the canvas, which adds up over thousands of shapes drawn one after another.
 */
class Pen {
  private readonly ctx: CanvasRenderingContext2D
  private fillColour = ''
  private strokeColour = ''
  private width = -1

  constructor(ctx: CanvasRenderingContext2D) {
    this.ctx = ctx
  }

  fill(colour: string): void {
    if (colour !== this.fillColour) this.ctx.fillStyle = this.fillColour = colour
  }

  stroke(colour: string, width: number): void {
    if (colour !== this.strokeColour) this.ctx.strokeStyle = this.strokeColour = colour
    if (width !== this.width) this.ctx.lineWidth = this.width = width
  }
}

function paintShape(ctx: CanvasRenderingContext2D, pen: Pen, s: Shape): void {
  switch (s.type) {
    case 'rect':
      if (s.fill !== 'none') {
        pen.fill(s.fill)
        ctx.fillRect(s.x, s.y, s.w, s.h)
      }
      if (s.strokeWidth > 0) {
        pen.stroke(s.stroke, s.strokeWidth)
        ctx.strokeRect(s.x, s.y, s.w, s.h)
      }
      return
    case 'ellipse':
      ctx.beginPath()
      ctx.ellipse(s.x + s.w / 2, s.y + s.h / 2, s.w / 2, s.h / 2, 0, 0, 2 * Math.PI)
      if (s.fill !== 'none') {
        pen.fill(s.fill)
        ctx.fill()
      }
      if (s.strokeWidth > 0) {
        pen.stroke(s.stroke, s.strokeWidth)
        ctx.stroke()
      }
      return
    case 'line':
    case 'arrow':
    case 'freehand': {
      const pts = absolutePoints(s)
      ctx.beginPath()
      for (const [i, p] of pts.entries()) {
        if (i) ctx.lineTo(p.x, p.y)
        else ctx.moveTo(p.x, p.y)
      }
      pen.stroke(s.stroke, s.strokeWidth)
      ctx.stroke()
      const from = pts.at(-2)
      const to = pts.at(-1)
      if (s.type === 'arrow' && from && to) {
        const [tip, l, r] = arrowHeadPoints(from, to, s.strokeWidth)
        ctx.beginPath()
        ctx.moveTo(tip.x, tip.y)
        ctx.lineTo(l.x, l.y)
        ctx.lineTo(r.x, r.y)
        ctx.closePath()
        pen.fill(s.stroke)
        ctx.fill()
      }
      return
    }
    case 'text':
      paintBars(ctx, pen, s, 0)
      return
    case 'sticky':
      // Unrounded and with its faint outline left out: 4 units of corner are under a pixel here.
      pen.fill(s.fill === 'none' ? '#ffe066' : s.fill)
      ctx.fillRect(s.x, s.y, s.w, s.h)
      paintBars(ctx, pen, s, 10)
      return
    case 'image':
      // A grey box this far out: decoding and scaling thousands of pictures per redraw would
      // cost more than the pixels they cover show.
      pen.fill('#ced4da')
      ctx.fillRect(s.x, s.y, s.w, s.h)
      return
  }
}

function paintBars(ctx: CanvasRenderingContext2D, pen: Pen, s: Shape, inset: number): void {
  ctx.globalAlpha = 0.5
  pen.fill(s.stroke)
  for (const b of textBars(s, inset)) ctx.fillRect(b.x, b.y, b.w, b.h)
  ctx.globalAlpha = 1
}
