// A second QR decoder beside @zxing/browser. zxing-js's detector misreads a few percent of valid
// codes whatever the frame (in our measurement 4 % of random pass strings failed at every scale,
// with a ChecksumException), and a door pass that cannot be read for a whole 30 s step is a door
// that does not open. jsQR reads those; the kiosk runs it on a frame now and then while zxing has
// found nothing. See docs/decisions/0009-second-qr-decoder.md.
import jsQR from 'jsqr'

export function startFallbackDecoder(options: {
  video: HTMLVideoElement
  onDecoded: (text: string) => void
  intervalMs?: number
}): () => void {
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d', { willReadFrequently: true })
  const timer = setInterval(() => {
    const { video } = options
    if (!context || video.readyState < video.HAVE_CURRENT_DATA || video.videoWidth === 0) return
    // Downscaled: enough pixels for a phone-sized code, a fraction of the work.
    const scale = Math.min(1, 640 / video.videoWidth)
    canvas.width = Math.round(video.videoWidth * scale)
    canvas.height = Math.round(video.videoHeight * scale)
    context.drawImage(video, 0, 0, canvas.width, canvas.height)
    const frame = context.getImageData(0, 0, canvas.width, canvas.height)
    const found = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })
    if (found?.data) options.onDecoded(found.data)
  }, options.intervalMs ?? 700)
  return () => clearInterval(timer)
}
