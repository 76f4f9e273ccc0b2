/** Said in the top bar when the user may look but not change: there is nothing to edit with. */
export function ViewOnlyBadge() {
  return (
    <span
      className="view-only-badge"
      data-testid="view-only"
      title="You can see this document and follow changes live, but not edit it"
    >
      View only
    </span>
  )
}
