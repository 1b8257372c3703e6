import { fieldError } from './field-error'

/**
 * 400 naming `untilField` when a validity window ends before it starts (or at its start): such a
 * window never opens, which is always a slip, never what the admin meant. Open ends (null) pass.
 */
export function assertWindowOrder(options: {
  from: Date | null | undefined
  until: Date | null | undefined
  fromField: string
  untilField: string
}): void {
  const { from, until } = options
  if (from && until && until <= from) throw fieldError(options.untilField, `must be after ${options.fromField}`)
}
