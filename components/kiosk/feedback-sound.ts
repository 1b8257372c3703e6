// A short tone for each result, made with Web Audio so no sound files are needed.
let context: AudioContext | null = null

export function playResultSound(granted: boolean) {
  try {
    context ??= new AudioContext()
    const notes = granted ? [660, 880] : [220, 180]
    notes.forEach((frequency, index) => {
      const oscillator = context!.createOscillator()
      const gain = context!.createGain()
      const start = context!.currentTime + index * 0.16
      oscillator.type = granted ? 'sine' : 'square'
      oscillator.frequency.value = frequency
      gain.gain.setValueAtTime(0.2, start)
      gain.gain.exponentialRampToValueAtTime(0.001, start + 0.15)
      oscillator.connect(gain).connect(context!.destination)
      oscillator.start(start)
      oscillator.stop(start + 0.15)
    })
  } catch {
    // No audio output (or autoplay blocked until the first touch): the screen still shows the result.
  }
}
