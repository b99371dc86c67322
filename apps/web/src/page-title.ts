import type { Route } from './routes.ts'
import { progressPercent } from './store/selectors.ts'
import type { Translate } from './store/status-line.ts'
import type { SwarmState } from './store/swarm-store.ts'

/**
 * The tab's title for what it shows (SPEC UX-8): a download's progress ("42 % · name") and
 * completion, the share being prepared or shown. A background tab tells its state this way.
 */
export function pageTitle(state: SwarmState, route: Route, t: Translate): string {
  const app = t('app.title')
  const titled = (text: string): string => `${text} — ${app}`
  if (route.kind === 'download') {
    const swarm = state.swarms[route.swarmId]
    const name = swarm?.file?.name
    if (swarm === undefined || name === undefined) {
      return titled(t('app.titleJoining'))
    }
    if (swarm.complete) {
      return titled(t('app.titleDone', { name }))
    }
    return titled(t('app.titleProgress', { percent: progressPercent(swarm), name }))
  }
  if (route.kind === 'home') {
    const { hashing, viewing } = state.share
    if (hashing !== null) {
      return titled(t('app.titlePreparing', { name: hashing.name }))
    }
    const name = viewing === null ? undefined : state.swarms[viewing]?.file?.name
    if (name !== undefined) {
      return titled(t('app.titleSharing', { name }))
    }
  }
  return app
}

/**
 * Whether closing the tab would cut someone off or lose a download in progress: a neighbour is
 * connected, or a download here is unfinished (SPEC UX-3). A seeder nobody is connected to can
 * close without a prompt.
 */
export function shouldWarnOnUnload(state: SwarmState): boolean {
  return Object.values(state.swarms).some(
    (swarm) => swarm.peers.length > 0 || (!swarm.complete && !swarm.seeding),
  )
}

/** A key that changes exactly when the main view does (focus goes to its heading, UX-9). */
export function viewKey(state: SwarmState, route: Route): string {
  switch (route.kind) {
    case 'download':
      return `download:${route.swarmId}`
    case 'bad-link':
      return 'bad-link'
    case 'home': {
      const { hashing, viewing } = state.share
      if (hashing !== null) {
        return 'home:hashing'
      }
      return viewing !== null && state.swarms[viewing] !== undefined
        ? `home:seeding:${viewing}`
        : 'home'
    }
  }
}
