import type { ReactNode } from 'react'

/**
 * Pick any of a list (doors, groups): a fieldset whose legend names the choice, one labelled
 * checkbox per option, and the error or hint under it, tied to the group by aria-describedby.
 */
export function CheckboxList(props: {
  id: string
  legend: string
  options: readonly { id: string; label: string; detail?: string }[] | undefined
  value: readonly string[]
  onChange: (value: string[]) => void
  /** Said while the options load, or when there are none ("No doors yet: add one on the Doors page."). */
  loading?: string
  empty: ReactNode
  hint?: ReactNode
  error?: string
}) {
  const { id, options, value } = props
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  function toggle(optionId: string, checked: boolean) {
    props.onChange(checked ? [...value, optionId] : value.filter((v) => v !== optionId))
  }
  return (
    <fieldset className="checkbox-list" aria-describedby={describedBy}>
      <legend>{props.legend}</legend>
      {options === undefined ? (
        <p className="muted">{props.loading ?? 'Loading…'}</p>
      ) : options.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ul>
          {options.map((option) => (
            <li key={option.id}>
              <input
                type="checkbox"
                id={`${id}-${option.id}`}
                checked={value.includes(option.id)}
                onChange={(event) => toggle(option.id, event.target.checked)}
              />
              <label htmlFor={`${id}-${option.id}`}>
                {option.label}
                {option.detail && <span className="checkbox-detail"> {option.detail}</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
      {props.hint && (
        <p id={`${id}-hint`} className="field-hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-error`} className="field-error">
          {props.error}
        </p>
      )}
    </fieldset>
  )
}
