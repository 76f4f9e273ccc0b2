import type { Template } from './templates.ts'

/**
 * The preview pane of a template the browser does not run: says so plainly, with the command
 * that runs it after "Download zip".
 */
export function RunLocally({ template }: { template: Template }) {
  return (
    <section className="preview" aria-label="Preview" data-testid="run-locally">
      <div className="pane-title">Preview</div>
      <div className="run-locally">
        <p>
          {template.name} projects run on your computer, not in this preview. Use{' '}
          <strong>Download zip</strong>, unzip it, and in that folder run:
        </p>
        <pre>
          <code>{template.run}</code>
        </pre>
      </div>
    </section>
  )
}
