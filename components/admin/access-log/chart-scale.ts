/** Axis maximum and ticks at round numbers (1, 2, 5 × 10ⁿ), whole scans only. */
export function niceScale(maximum: number): { max: number; ticks: number[] } {
  const target = Math.max(maximum, 4)
  const rough = target / 4
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  const residual = rough / magnitude
  const step = Math.max(1, (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude)
  const max = Math.ceil(target / step) * step
  const ticks: number[] = []
  for (let tick = 0; tick <= max; tick += step) ticks.push(tick)
  return { max, ticks }
}
