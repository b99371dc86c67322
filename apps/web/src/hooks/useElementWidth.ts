import { useEffect, useState } from 'react'
import type { RefObject } from 'react'

/**
 * The content width of `ref`'s element, following resizes. Starts at `fallback` and stays there
 * where ResizeObserver does not exist (jsdom).
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback)
  useEffect(() => {
    const element = ref.current
    if (element === null || typeof ResizeObserver === 'undefined') {
      return
    }
    const observer = new ResizeObserver((entries) => {
      const measured = entries[0]?.contentRect.width ?? 0
      if (measured > 0) {
        setWidth(Math.floor(measured))
      }
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return width
}
