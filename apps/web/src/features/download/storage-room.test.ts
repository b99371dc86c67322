import { describe, expect, it } from 'vitest'

import { notEnoughRoomMessage } from './storage-room.ts'

const MiB = 1024 * 1024

describe('notEnoughRoomMessage', () => {
  it('lets a download through when it fits in the quota left', () => {
    expect(notEnoughRoomMessage(10 * MiB, { quota: 100 * MiB, usage: 90 * MiB })).toBeNull()
  })

  it('says how much is needed and how much is left when it does not fit', () => {
    const message = notEnoughRoomMessage(10 * MiB, { quota: 100 * MiB, usage: 95 * MiB })
    expect(message).toMatch(/Not enough storage space/)
    expect(message).toMatch(/10(\.0)? MiB/)
    expect(message).toMatch(/5(\.0)? MiB/)
  })

  it('tries anyway when the browser gives no quota', () => {
    expect(notEnoughRoomMessage(10 * MiB, {})).toBeNull()
  })
})
