import type { ReactNode } from 'react'

/** The submit button of a console form: disabled, and saying so, while the request runs. */
export function SubmitButton({ busy, busyLabel, children }: { busy: boolean; busyLabel: string; children: ReactNode }) {
  return (
    <button type="submit" disabled={busy}>
      {busy ? busyLabel : children}
    </button>
  )
}

/** A form's buttons: submit, and Cancel where the form is in a dialog. */
export function FormActions(props: { busy: boolean; busyLabel: string; submitLabel: string; onCancel?: () => void }) {
  return (
    <div className="actions">
      <SubmitButton busy={props.busy} busyLabel={props.busyLabel}>
        {props.submitLabel}
      </SubmitButton>
      {props.onCancel && (
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      )}
    </div>
  )
}
