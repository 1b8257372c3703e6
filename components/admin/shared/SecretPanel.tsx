'use client'

// A secret made a moment ago (an API key, a kiosk's pairing link), shown this once.
import { useEffect, useRef, type ReactNode } from 'react'
import { CopyButton } from '@/components/admin/CopyButton'

export function SecretPanel(props: {
  headingId: string
  heading: string
  /** Follows "Shown only once.": why, and what to do if it gets lost. */
  warning: ReactNode
  doneLabel: string
  onDone: () => void
  children: ReactNode
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  // The form that was focused is gone: move to what replaced it, so screen readers read it next.
  useEffect(() => heading.current?.focus(), [])
  return (
    <section className="admin-panel secret-panel" aria-labelledby={props.headingId}>
      <h2 id={props.headingId} tabIndex={-1} ref={heading}>
        {props.heading}
      </h2>
      <p className="secret-warning">
        <strong>Shown only once.</strong> {props.warning}
      </p>
      {props.children}
      <div className="actions">
        <button type="button" onClick={props.onDone}>
          {props.doneLabel}
        </button>
      </div>
    </section>
  )
}

/** One secret in the panel: its label, the value (as the children) and a button that copies it. */
export function SecretValue(props: { label: string; labelId?: string; copy: string; copyLabel: string; children: ReactNode }) {
  return (
    <>
      <p className="secret-label" id={props.labelId}>
        {props.label}
      </p>
      <p className="secret-value">{props.children}</p>
      <div className="copy-row">
        <CopyButton text={props.copy} label={props.copyLabel} />
      </div>
    </>
  )
}
