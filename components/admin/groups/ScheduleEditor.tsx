'use client'

// A group's weekly schedule: rows of weekday checkboxes and from/to times, windows added and
// removed; no window at all means any time. The times are read on each door's own clock.
import { useRef } from 'react'
import { WEEKDAY_NAMES, describeHours, describeWindow, shortDay } from '@/components/admin/access/schedule-words'
import { WEEKDAYS } from '@/lib/access/schedule'
import { addWindow, removeWindow, toggleDay, updateWindow, type WindowDraft } from './schedule-editor'

export function ScheduleEditor(props: {
  idPrefix: string
  value: WindowDraft[]
  onChange: (value: WindowDraft[]) => void
  /** Messages by window index (the form's checks or the API's 400). */
  errors: Record<number, string>
  /** A problem with the schedule as a whole (the API's, say). */
  error?: string
}) {
  const { idPrefix, value, onChange, errors } = props
  const list = useRef<HTMLOListElement>(null)

  function add() {
    onChange(addWindow(value))
    // The new row's first day gets the focus, so a keyboard user carries on where the row is.
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus())
  }

  return (
    <fieldset className="schedule-editor" aria-describedby={`${idPrefix}-schedule-summary`}>
      <legend>Schedule</legend>
      <p id={`${idPrefix}-schedule-summary`} className="field-hint">
        {value.length === 0
          ? 'Any time: members may open these doors at every hour of every day.'
          : 'Members may open these doors only inside these windows, on each door’s own clock. A window that ends before it starts runs into the next day.'}
      </p>
      {value.length > 0 && (
        <ol className="schedule-windows" ref={list}>
          {value.map((window, index) => {
            const id = `${idPrefix}-window-${window.key}`
            const error = errors[index]
            const hours = window.from && window.to ? describeHours(window) : ''
            return (
              <li key={window.key}>
                <fieldset className="schedule-window" aria-describedby={error ? `${id}-error` : `${id}-words`}>
                  <legend>Time window {index + 1}</legend>
                  <div className="weekday-picks">
                    {WEEKDAYS.map((day) => (
                      <span key={day} className="weekday-pick">
                        <input
                          type="checkbox"
                          id={`${id}-${day}`}
                          checked={window.days.includes(day)}
                          onChange={(event) => onChange(toggleDay(value, window.key, day, event.target.checked))}
                        />
                        <label htmlFor={`${id}-${day}`}>
                          <span aria-hidden="true">{shortDay(day)}</span>
                          <span className="visually-hidden">{WEEKDAY_NAMES[day]}</span>
                        </label>
                      </span>
                    ))}
                  </div>
                  <div className="schedule-times">
                    <div className="field">
                      <label htmlFor={`${id}-from`}>From</label>
                      <input
                        id={`${id}-from`}
                        type="time"
                        value={window.from}
                        required
                        onChange={(event) => onChange(updateWindow(value, window.key, { from: event.target.value }))}
                      />
                    </div>
                    <div className="field">
                      <label htmlFor={`${id}-to`}>To</label>
                      <input
                        id={`${id}-to`}
                        type="time"
                        value={window.to}
                        required
                        onChange={(event) => onChange(updateWindow(value, window.key, { to: event.target.value }))}
                      />
                    </div>
                    <button
                      type="button"
                      className="secondary small danger-text"
                      aria-label={`Remove time window ${index + 1}`}
                      onClick={() => onChange(removeWindow(value, window.key))}
                    >
                      Remove
                    </button>
                  </div>
                  {error ? (
                    <p id={`${id}-error`} className="field-error">
                      {error}
                    </p>
                  ) : (
                    <p id={`${id}-words`} className="field-hint">
                      {window.days.length > 0 && hours ? describeWindow(window) : hours}
                    </p>
                  )}
                </fieldset>
              </li>
            )
          })}
        </ol>
      )}
      {props.error && <p className="field-error">{props.error}</p>}
      <button type="button" className="secondary small" onClick={add}>
        {value.length === 0 ? 'Add a time window' : 'Add another time window'}
      </button>
    </fieldset>
  )
}
