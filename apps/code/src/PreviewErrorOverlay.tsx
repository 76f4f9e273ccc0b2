/** The page's own error over the preview (a runtime error), until dismissed or the page changes. */
export function PreviewErrorOverlay({ text, onDismiss }: { text: string; onDismiss: () => void }) {
  return (
    <div className="preview-error" role="alert" data-testid="preview-error">
      <strong>Error in the preview</strong>
      <pre>{text}</pre>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  )
}
