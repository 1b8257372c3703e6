import { describe, expect, it } from 'vitest'
import { codeInputValue, isLoginCodeShaped, stripCodeSeparators } from './code'
import { verifyLoginRequestSchema } from './schemas'

const parse = (code: string) => verifyLoginRequestSchema.safeParse({ address: 'ada@example.com', code })

describe('sign-in codes as typed and pasted', () => {
  it('lose their spaces and dashes before the length is cut', () => {
    expect(codeInputValue(' 023 004')).toBe('023004')
    expect(codeInputValue('023-004')).toBe('023004')
    expect(codeInputValue('123 456 789')).toBe('123456')
    expect(stripCodeSeparators(' 0 2\t3–0 0 4 ')).toBe('023004')
  })

  it('have six digits, or are no code at all', () => {
    expect(isLoginCodeShaped('023004')).toBe(true)
    for (const code of ['12', '1234567', '12a456', '', '１２３４５６']) expect(isLoginCodeShaped(code)).toBe(false)
  })

  it('are read by the API schema the same way', () => {
    expect(parse(' 023 004').data?.code).toBe('023004')
    expect(parse('023-004').data?.code).toBe('023004')
    for (const code of ['12', '1234567', '12a456', '', 'x'.repeat(41)]) {
      const result = parse(code)
      expect(result.success).toBe(false)
      expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
        ['code', 'Enter the 6 digits of the code'],
      ])
    }
  })
})
