import QRCode from 'qrcode'
import { useEffect, useState } from 'react'
import { useT } from '../../use-t.ts'

/** Props of ShareQrCode. */
export interface ShareQrCodeProps {
  readonly link: string
}

/** Rendered size (CSS px); the box keeps it before the code is ready, so nothing shifts. */
export const QR_SIZE_PX = 168

/** The share link as a QR code (SVG), for opening it on a phone across the room. */
export function ShareQrCode({ link }: ShareQrCodeProps) {
  const t = useT()
  const [svg, setSvg] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    // Error correction M: survives a smudged screen and still fits a long link in a small code.
    QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      .then((text) => {
        if (current) {
          setSvg(text)
        }
      })
      .catch(() => {
        if (current) {
          setSvg(null)
        }
      })
    return () => {
      current = false
    }
  }, [link])
  return (
    <div className="qr" style={{ width: QR_SIZE_PX, height: QR_SIZE_PX }}>
      {svg === null ? null : (
        <img
          data-testid="share-qr"
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
          width={QR_SIZE_PX}
          height={QR_SIZE_PX}
          alt={t('share.qrAlt')}
        />
      )}
    </div>
  )
}
