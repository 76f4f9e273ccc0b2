import { useState } from 'react'

export default function Counter({ start = 0 }) {
  const [count, setCount] = useState(start)
  return (
    <button type="button" onClick={() => setCount((c) => c + 1)}>
      Clicked {count} {count === 1 ? 'time' : 'times'}
    </button>
  )
}
