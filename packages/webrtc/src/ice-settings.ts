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
