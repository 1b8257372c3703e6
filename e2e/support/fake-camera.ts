import { chromium, type Browser } from '@playwright/test'
import { chromiumArgs, chromiumPath } from '../config'

/** A browser whose camera is Chromium's fake device, granted without asking; with `video`, it shows that Y4M file in a loop. */
export function launchWithFakeCamera(video?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      ...chromiumArgs,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      ...(video ? [`--use-file-for-fake-video-capture=${video}`] : []),
    ],
  })
}
