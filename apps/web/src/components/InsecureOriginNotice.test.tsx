import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { InsecureOriginNotice } from './InsecureOriginNotice.tsx'

const original = Object.getOwnPropertyDescriptor(window, 'isSecureContext')

afterEach(() => {
  cleanup()
  if (original) {
    Object.defineProperty(window, 'isSecureContext', original)
  } else {
    delete (window as { isSecureContext?: boolean }).isSecureContext
  }
})

const fakeSecureContext = (secure: boolean): void => {
  Object.defineProperty(window, 'isSecureContext', { value: secure, configurable: true })
}

describe('InsecureOriginNotice', () => {
  it('[NET-6] on a page that is not a secure context, says HTTPS is needed and how to get it', () => {
    fakeSecureContext(false)
    render(<InsecureOriginNotice origin="http://192.168.1.20:8080" />)
    const notice = screen.getByTestId('insecure-origin')
    expect(notice.getAttribute('role')).toBe('alert')
    expect(notice.textContent).toMatch(/only on a secure page: over HTTPS, or on localhost/)
    expect(notice.textContent).toMatch(/http:\/\/192\.168\.1\.20:8080/)
    expect(notice.textContent).toMatch(/TLS_CERT.*TLS_KEY/)
    expect(notice.textContent).toMatch(/HTTPS\s+reverse proxy/)
  })

  it('[NET-6] says nothing on a secure page', () => {
    fakeSecureContext(true)
    render(<InsecureOriginNotice />)
    expect(screen.queryByTestId('insecure-origin')).toBeNull()
  })
})
