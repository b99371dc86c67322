import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { UploadLimitForm } from './UploadLimitForm.tsx'
import { parseUploadLimitKib, uploadLimitInputValue } from './upload-limit.ts'

afterEach(cleanup)

describe('parseUploadLimitKib', () => {
  it('reads KiB/s as bytes/s; blank and 0 mean unlimited; anything else is refused', () => {
    expect(parseUploadLimitKib(' 256 ')).toBe(262_144)
    expect(parseUploadLimitKib('')).toBe(0)
    expect(parseUploadLimitKib('0')).toBe(0)
    for (const bad of ['-1', '1.5', 'fast', '99999999']) {
      expect(parseUploadLimitKib(bad), bad).toBeNull()
    }
    expect(uploadLimitInputValue(0)).toBe('')
    expect(uploadLimitInputValue(262_144)).toBe('256')
  })
})

describe('UploadLimitForm', () => {
  it('applies a cap on Enter and lifts it when cleared', () => {
    const changes: number[] = []
    render(<UploadLimitForm limitBps={0} onChange={(bps) => changes.push(bps)} />)
    const input = screen.getByLabelText('Upload limit')
    fireEvent.change(input, { target: { value: '512' } })
    fireEvent.submit(input)
    fireEvent.change(input, { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: 'Set' }))
    expect(changes).toEqual([524_288, 0])
  })

  it('refuses a malformed value with an explanation and keeps the current cap', () => {
    const changes: number[] = []
    render(<UploadLimitForm limitBps={1024} onChange={(bps) => changes.push(bps)} />)
    const input = screen.getByTestId('upload-limit-input')
    expect((input as HTMLInputElement).value).toBe('1')
    expect(screen.getByTestId('upload-limit').dataset['bps']).toBe('1024')
    fireEvent.change(input, { target: { value: 'lots' } })
    fireEvent.submit(input)
    expect(changes).toEqual([])
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('status').textContent).toMatch(/whole number of KiB\/s/)
  })
})
