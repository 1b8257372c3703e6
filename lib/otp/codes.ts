// How one-time codes look: which characters, how they are drawn, how user input is compared.
// Pure functions; the random source is an argument so that tests can fix it.
import { randomInt } from 'node:crypto'

export type CodeAlphabet = 'numeric' | 'alphanumeric'

/**
 * Characters of each alphabet. The alphanumeric one leaves out 0/O and 1/I/L, which people confuse
 * when they read a code aloud or type it from a small screen; it is upper-case because input is
 * compared case-insensitively.
 */
export const ALPHABETS: Record<CodeAlphabet, string> = {
  numeric: '0123456789',
  alphanumeric: '23456789ABCDEFGHJKMNPQRSTUVWXYZ',
}

export type RandomIndex = (maxExclusive: number) => number

/** Draws a code of `length` characters, each one uniformly (crypto.randomInt has no modulo bias). */
export function generateCode(length: number, alphabet: CodeAlphabet, random: RandomIndex = randomInt): string {
  if (!Number.isInteger(length) || length < 1 || length > 64) {
    throw new RangeError(`code length must be an integer from 1 to 64, got ${length}`)
  }
  const characters = ALPHABETS[alphabet]
  let code = ''
  for (let i = 0; i < length; i++) code += characters[random(characters.length)]
  return code
}

/** The form in which a code is hashed: alphanumeric codes are compared without regard to case. */
export function normaliseCode(input: string, alphabet: CodeAlphabet): string {
  return alphabet === 'alphanumeric' ? input.toUpperCase() : input
}
