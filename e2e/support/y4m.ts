// Turns a PNG (a screenshot of a pass) into a Y4M video for Chromium's fake camera
// (--use-file-for-fake-video-capture). Chromium loops the file; it wants the plain `C420` header.
import { writeFileSync } from 'node:fs'
import { PNG } from 'pngjs'

export function pngToY4m(png: Buffer, file: string, options: { width?: number; height?: number; frames?: number } = {}) {
  const width = options.width ?? 640
  const height = options.height ?? 480
  const frames = options.frames ?? 10
  const image = PNG.sync.read(png)
  // Fit the screenshot into the frame, keeping its aspect ratio, on a white background.
  const scale = Math.min(width / image.width, height / image.height)
  const drawnWidth = Math.floor(image.width * scale)
  const drawnHeight = Math.floor(image.height * scale)
  const left = Math.floor((width - drawnWidth) / 2)
  const top = Math.floor((height - drawnHeight) / 2)

  const luma = Buffer.alloc(width * height, 235)
  const rgbAt = (x: number, y: number): [number, number, number] => {
    const inside = x >= left && x < left + drawnWidth && y >= top && y < top + drawnHeight
    if (!inside) return [255, 255, 255]
    const sx = Math.min(image.width - 1, Math.floor((x - left) / scale))
    const sy = Math.min(image.height - 1, Math.floor((y - top) / scale))
    const i = (sy * image.width + sx) * 4
    const alpha = image.data[i + 3]! / 255
    const blend = (value: number) => Math.round(value * alpha + 255 * (1 - alpha))
    return [blend(image.data[i]!), blend(image.data[i + 1]!), blend(image.data[i + 2]!)]
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgbAt(x, y)
      luma[y * width + x] = Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b)
    }
  }
  // Greyscale is enough for a QR code: neutral chroma.
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128)
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420\n`)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma])
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]))
}
