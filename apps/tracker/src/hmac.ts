import { createHmac } from 'node:crypto'

import type { HmacSha1Base64 } from './ice-settings.ts'

/** The HMAC coturn checks TURN REST API passwords with (SPEC IC-3), from node:crypto. */
export const nodeHmacSha1: HmacSha1Base64 = (key, message) =>
  createHmac('sha1', key).update(message).digest('base64')
