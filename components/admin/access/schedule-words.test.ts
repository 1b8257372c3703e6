import { describe, expect, it } from 'vitest'
import { describeDays, describeHours, describeSchedule } from './schedule-words'

describe('a schedule in words', () => {
  it('names runs of three days or more as a range, in week order', () => {
    expect(describeDays(['fri', 'mon', 'tue', 'wed', 'thu'])).toBe('Mon–Fri')
    expect(describeDays(['sat', 'sun'])).toBe('Sat, Sun')
    expect(describeDays(['mon', 'wed', 'fri'])).toBe('Mon, Wed, Fri')
    expect(describeDays(['mon', 'tue', 'wed', 'fri', 'sat'])).toBe('Mon–Wed, Fri, Sat')
    expect(describeDays(['sun', 'sat', 'fri', 'thu', 'wed', 'tue', 'mon'])).toBe('Every day')
  })

  it('says when a window runs into the next day or all day', () => {
    expect(describeHours({ from: '08:00', to: '13:00' })).toBe('08:00–13:00')
    expect(describeHours({ from: '22:00', to: '06:00' })).toBe('22:00–06:00 (next day)')
    expect(describeHours({ from: '00:00', to: '00:00' })).toBe('all day')
    expect(describeHours({ from: '07:00', to: '07:00' })).toBe('07:00 for 24 hours')
  })

  it('lists each window, or "Any time" for none', () => {
    expect(describeSchedule([])).toEqual(['Any time'])
    expect(
      describeSchedule([
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '13:00' },
        { days: ['sat'], from: '10:00', to: '12:00' },
      ]),
    ).toEqual(['Mon–Fri 08:00–13:00', 'Sat 10:00–12:00'])
  })
})
