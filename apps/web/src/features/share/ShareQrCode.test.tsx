import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { SWARM_A } from '../../test-support/engine-events.ts'

import { ShareQrCode } from './ShareQrCode.tsx'

afterEach(cleanup)

describe('ShareQrCode', () => {
  it('renders the share link as an SVG QR code with a text alternative', async () => {
    render(<ShareQrCode link={`http://127.0.0.1:8080/#${SWARM_A}`} />)
    const image = await screen.findByTestId('share-qr')
    expect(image.getAttribute('alt')).toBe('QR code of the share link')
    const svg = decodeURIComponent(image.getAttribute('src')?.split(',')[1] ?? '')
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 (\d+) \1"/)
    expect(svg).toContain('<path')
  })
})
