// The pass as people read and type it, for the pass page (client code: no server imports here).
// parseQrString drops the spaces again.

/** The base32 in blocks of 4, then the code in two halves: `MFWG SY3F … ==== _ 123 456`. */
export function groupQrString(qrString: string): string {
  const [encodedId = '', code = ''] = qrString.split('_')
  const blocks = encodedId.match(/.{1,4}/g) ?? []
  return [...blocks, '_', code.slice(0, 3), code.slice(3)].join(' ')
}
