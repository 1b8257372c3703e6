// A sign-in code as people type or paste it ("023 004", "023-004", " 023004 "). Pure, and imported
// by the login form too: the form and the API read a code the same way.

/** Digits in a sign-in code (LOGIN_POLICY.length). */
export const LOGIN_CODE_LENGTH = 6

const SEPARATORS = /[\s\-‐‑‒–—]/g

/** The code without the spaces and dashes people write or paste it with. */
export function stripCodeSeparators(input: string): string {
  return input.replace(SEPARATORS, '')
}

/** What the code input keeps of what was typed or pasted: separators go first, then the length is cut. */
export function codeInputValue(input: string): string {
  return stripCodeSeparators(input).slice(0, LOGIN_CODE_LENGTH)
}

/** Whether a code, separators removed, has the form of a sign-in code (anything else is not a try). */
export function isLoginCodeShaped(code: string): boolean {
  return code.length === LOGIN_CODE_LENGTH && /^[0-9]+$/.test(code)
}

export const LOGIN_CODE_MESSAGE = `Enter the ${LOGIN_CODE_LENGTH} digits of the code`
