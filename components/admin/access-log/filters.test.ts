import { describe, expect, it } from 'vitest'
import { chartRange, filterParams, fromDateTimeLocal, logHref, matchesFilters, parseLogView, toDateTimeLocal } from './filters'

describe('access log filters in the URL', () => {
  it('keeps known values and drops broken ones', () => {
    expect(
      parseLogView({ user: 'u1', kiosk: ['k1', 'k2'], result: 'maybe', from: 'yesterday', to: '2024-05-01T10:00:00Z', bucket: 'week' }),
    ).toEqual({ user: 'u1', kiosk: 'k1', to: '2024-05-01T10:00:00.000Z' })
  })

  it('builds the same query for the same filters and leaves the cursor out of the API filters', () => {
    const view = parseLogView({ result: 'denied', user: 'u 1', cursor: 'abc', bucket: 'day' })
    expect(filterParams(view).toString()).toBe('user=u+1&result=denied')
    expect(logHref(view)).toBe('/admin?user=u+1&result=denied&bucket=day&cursor=abc')
    expect(logHref({})).toBe('/admin')
  })

  it('keeps the door filter in the URL and passes it to the API', () => {
    const view = parseLogView({ door: 'back-door', user: 'u1' })
    expect(view).toEqual({ user: 'u1', door: 'back-door' })
    expect(filterParams(view).toString()).toBe('user=u1&door=back-door')
    expect(logHref(view)).toBe('/admin?user=u1&door=back-door')
  })

  it('turns datetime-local values into instants and back', () => {
    const iso = fromDateTimeLocal('2024-05-01T09:30')!
    expect(toDateTimeLocal(iso)).toBe('2024-05-01T09:30')
    expect(fromDateTimeLocal('')).toBeUndefined()
    expect(toDateTimeLocal('nonsense')).toBe('')
  })

  it('checks new scans against every filter, from inclusive and to exclusive', () => {
    const event = { at: '2024-05-01T10:00:00.000Z', userId: 'u1', kioskId: 'k1', result: 'granted' }
    expect(matchesFilters(event, {})).toBe(true)
    expect(matchesFilters(event, { user: 'u1', kiosk: 'k1', result: 'granted' })).toBe(true)
    expect(matchesFilters(event, { user: 'u2' })).toBe(false)
    expect(matchesFilters(event, { result: 'denied' })).toBe(false)
    expect(matchesFilters({ ...event, doorId: 'd1' }, { door: 'd1' })).toBe(true)
    expect(matchesFilters({ ...event, doorId: null }, { door: 'd1' })).toBe(false)
    expect(matchesFilters(event, { from: '2024-05-01T10:00:00.000Z' })).toBe(true)
    expect(matchesFilters(event, { to: '2024-05-01T10:00:00.000Z' })).toBe(false)
  })

  it('charts the last day by hour unless told otherwise', () => {
    const now = new Date('2024-05-10T12:00:00Z')
    expect(chartRange({}, now)).toEqual({ from: new Date('2024-05-09T12:00:00Z'), to: now, bucket: 'hour' })
    expect(chartRange({ from: '2024-05-01T00:00:00.000Z' }, now).bucket).toBe('day')
    expect(chartRange({ from: '2024-05-01T00:00:00.000Z', bucket: 'hour' }, now).bucket).toBe('hour')
    expect(chartRange({ bucket: 'day' }, now)).toEqual({ from: new Date('2024-04-10T12:00:00Z'), to: now, bucket: 'day' })
  })

  it('keeps within what the stats API draws: 31 days of hours, 366 of days', () => {
    const now = new Date('2024-05-10T12:00:00Z')
    expect(chartRange({ from: '2024-03-01T00:00:00.000Z', bucket: 'hour' }, now).bucket).toBe('day')
    expect(chartRange({ from: '2020-01-01T00:00:00.000Z' }, now).from).toEqual(new Date('2023-05-10T12:00:00Z'))
  })

  it('draws a day from a start in the future rather than a range that ends before it starts', () => {
    const now = new Date('2024-05-10T12:00:00Z')
    expect(chartRange({ from: '2024-05-11T00:00:00.000Z' }, now)).toEqual({
      from: new Date('2024-05-11T00:00:00Z'),
      to: new Date('2024-05-12T00:00:00Z'),
      bucket: 'hour',
    })
  })
})
