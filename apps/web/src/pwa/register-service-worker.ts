/**
 * Registers the service worker (SPEC PWA-3) in a production build only: `npm run dev` serves no
 * /sw.js and a worker would keep stale modules around, and unit tests have no navigator.serviceWorker.
 * A page that is not a secure context cannot have one (InsecureOriginNotice says why).
 * @returns whether a registration was started
 */
export function registerServiceWorker(
  production: boolean = import.meta.env.PROD,
  nav: Navigator | undefined = globalThis.navigator,
): boolean {
  if (!production || nav?.serviceWorker === undefined || globalThis.isSecureContext === false) {
    return false
  }
  // After load: installing caches the whole shell, which must not compete with the first paint.
  const register = (): void => {
    nav.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No worker (private mode, storage refused): the page works the same, only not offline.
    })
  }
  if (document.readyState === 'complete') {
    register()
  } else {
    window.addEventListener('load', register, { once: true })
  }
  return true
}
