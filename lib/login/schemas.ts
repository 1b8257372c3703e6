import { z } from 'zod'
import { loginAddressField } from './address'

export const startLoginRequestSchema = z
  .object({ address: loginAddressField })
  .meta({ id: 'StartLoginRequest' })

export const verifyLoginRequestSchema = z
  .object({
    address: loginAddressField,
    code: z.string().trim().min(1, 'Enter the code').max(20).meta({ example: '123456' }),
  })
  .meta({ id: 'VerifyLoginRequest' })
