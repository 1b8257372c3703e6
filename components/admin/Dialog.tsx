'use client'

// A modal on the native <dialog>: the browser traps focus, closes on Escape and gives focus back
// to the button that opened it. The content mounts only while open, so forms start fresh; an
// element marked data-autofocus gets the focus first.
import { useEffect, useId, useRef, type ReactNode } from 'react'

export function Dialog(props: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (props.open && !dialog.open) {
      dialog.showModal()
      // React's autoFocus fires before the dialog is shown, so the dialog names its own first focus.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    }
    if (!props.open && dialog.open) dialog.close()
  }, [props.open])
  return (
    <dialog ref={ref} className="admin-dialog" aria-labelledby={titleId} onClose={props.onClose}>
      {props.open && (
        <>
          <h2 id={titleId}>{props.title}</h2>
          {props.children}
        </>
      )}
    </dialog>
  )
}

/** Asks before something that cannot be undone; the action's error stays in the dialog. */
export function ConfirmDialog(props: {
  open: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  busy: boolean
  error: string | null
  onConfirm: () => void
  onClose: () => void
}) {
  return (
    <Dialog open={props.open} title={props.title} onClose={props.onClose}>
      <div className="admin-dialog-body">{props.children}</div>
      {props.error && (
        <p className="error" role="alert">
          {props.error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="danger" onClick={props.onConfirm} disabled={props.busy}>
          {props.busy ? 'Working…' : props.confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={props.onClose} data-autofocus>
          Cancel
        </button>
      </div>
    </Dialog>
  )
}
