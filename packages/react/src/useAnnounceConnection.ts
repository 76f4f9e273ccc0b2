import type { ConnectionStatus } from '@weft/client'
import { useEffect, useRef } from 'react'
import { announce } from './announcer.ts'

/**
 * Connection loss and recovery in the live region. The first connect says nothing (the page
 * has just loaded); a later loss says that editing goes on, and the return that it is sent.
 */
export function useAnnounceConnection(status: ConnectionStatus): void {
  const wasConnected = useRef(false)
  const lost = useRef(false)
  const { state, problem } = status
  useEffect(() => {
    if (state === 'connected') {
      if (lost.current) announce('Connection restored: your edits reach everyone again.')
      wasConnected.current = true
      lost.current = false
    } else if (problem && !lost.current) {
      lost.current = true
      announce(`Not connected: ${problem}`)
    } else if (wasConnected.current && !lost.current && state !== 'connecting') {
      lost.current = true
      announce('Connection lost. Keep editing: changes are kept here and sent when it returns.')
    }
  }, [state, problem])
}
