import { describe, expect, it } from 'vitest'
import { guestLink } from './guest-link'

describe('guestLink', () => {
  it('is the origin, /g/ and the token', () => {
    expect(guestLink('https://door.example.com', 'q3Vx0b8Lr2mT9yKd4WsN1A')).toBe('https://door.example.com/g/q3Vx0b8Lr2mT9yKd4WsN1A')
  })
})
