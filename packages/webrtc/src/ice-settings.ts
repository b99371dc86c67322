import type { IceConfigPayload } from '@swarmdrop/signaling'

/**
 * What a new RTCPeerConnection is configured with (SPEC NET-2): the ICE servers of the moment
 * (TURN credentials expire, so this is read again for every connection and before an ICE
 * restart) and whether only relay candidates may be used.
 */
export interface IceSettings {
  readonly iceServers: RTCIceServer[]
  readonly iceTransportPolicy: 'all' | 'relay'
}

/** Hermetic default (STYLE §7): no ICE servers, host candidates only. */
export const NO_ICE_SERVERS: IceSettings = { iceServers: [], iceTransportPolicy: 'all' }

/** Reads the ICE settings in force now. */
export type IceSettingsProvider = () => IceSettings

/** Asks for fresh settings (new TURN credentials) before an ICE restart. */
export type IceSettingsRefresher = () => Promise<IceSettings>

/**
 * The settings for a new connection from the tracker's ICE configuration (SPEC IC-1) and the
 * user's relay-only choice (SPEC NET-2). Relay-only applies only where the tracker has a relay
 * to offer: without one it could connect to no one, so the choice is shown disabled instead.
 * @param config the tracker's latest; null before the first (no servers)
 */
export function iceSettingsOf(config: IceConfigPayload | null, relayOnly: boolean): IceSettings {
  return {
    iceServers: (config?.iceServers ?? []).map(({ urls, username, credential }) => ({
      urls: [...urls],
      ...(username === undefined ? {} : { username }),
      ...(credential === undefined ? {} : { credential }),
    })),
    iceTransportPolicy: relayOnly && config?.relayAvailable === true ? 'relay' : 'all',
  }
}
