import { describe, expect, it } from 'vitest'
import { createWriteTurns } from './write-turns'

describe('write turns', () => {
  it('gives turns in the order they were asked for, one at a time', async () => {
    const turns = createWriteTurns()
    const order: string[] = []
    const holder = async (name: string, ms: number) => {
      const end = await turns.take()
      order.push(`${name} in`)
      await new Promise((resolve) => setTimeout(resolve, ms))
      order.push(`${name} out`)
      end()
    }
    await Promise.all([holder('a', 20), holder('b', 1), holder('c', 5)])
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out'])
  })

  it('ignores a second end of the same turn', async () => {
    const turns = createWriteTurns()
    const first = await turns.take()
    const second = turns.take()
    first()
    first()
    const end = await second
    let thirdIn = false
    const third = turns.take().then((endThird) => {
      thirdIn = true
      endThird()
    })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(thirdIn).toBe(false)
    end()
    await third
    expect(thirdIn).toBe(true)
  })
})
