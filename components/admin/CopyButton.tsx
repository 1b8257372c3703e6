'use client'

import { useState } from 'react'

/** Copies a secret shown once; says so for screen readers too. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  return (
    <>
      <button
        type="button"
        className="secondary small"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text)
            setState('copied')
          } catch {
            // Clipboard access needs a secure context or permission; the text stays selectable.
            setState('failed')
          }
        }}
      >
        {label}
      </button>
      <span role="status" className={state === 'failed' ? 'error' : 'ok'}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text and copy it' : ''}
      </span>
    </>
  )
}
